import "server-only";

import type { Database } from "@/lib/db/client";
import { logger } from "@/lib/log";

import { FortnoxBusyError } from "./busy";
import { decide, policyFor, type Priority } from "./rate-limit-policy";
import { insertSlot, lockKey, markDone, pauseKey, readWindow } from "./rate-limit-store";

export type { Priority } from "./rate-limit-policy";

/**
 * Fortnox's rate limit as one budget per (client id, Fortnox tenant), shared by every worker in
 * every process through the database (docs/fortnox.md#rate-limits).
 *
 * Design: every request takes a slot row under the key row's lock (PostgreSQL serialises processes
 * per key; PGlite runs the same SQL), and at most `requests` slots may lie in the span (window +
 * margin). The decision itself is rate-limit-policy.ts: people before background work, background
 * paced evenly.
 *
 * What a slot's time is: Fortnox counts arrivals, which we cannot see. We do know two bounds: the
 * request arrives after its grant, and before its answer comes back. So a slot counts from its
 * grant until `span` after its answer (`finish()`; until then it counts as "now"). Then request i
 * arrives at least `span` after request i−25 arrived, however late either was sent or answered:
 * event-loop stalls behind an embedded-database write, a busy machine, network jitter only cost
 * budget, never a 429. The answer's time is taken on this process's monotonic clock and carried
 * onto the database's clock through the grant (grant time + time elapsed since just before the
 * grant statement ran, an upper bound whatever the clocks' offset), so a late `finish()` write
 * does not hold the slot longer than the request did.
 *
 * The margin left is small (1 % of the window, at least 10 ms): only clock drift and rounding.
 * A 429 still teaches: it pauses the key (Retry-After, else a span) and widens this process's
 * margin for the key by 1 % of the window (up to 6 %), a step given back every QUIET_WINDOWS quiet
 * windows. With our own traffic bounded as above, a 429 means someone else shares the budget.
 */

export interface RateLimitKey {
  clientId: string;
  /** Fortnox's tenant id (DatabaseNumber). */
  tenantId: number;
}

export interface RateLimitConfig {
  requests: number;
  windowMs: number;
  /** Added to the window; default 1 % of it, at least MIN_SAFETY_MARGIN_MS. */
  safetyMarginMs?: number;
  /** This process's wall clock, epoch ms (tests move it to age the learned margin). */
  localClock?: () => number;
  /** A slot whose sender never finished counts this long after its grant. Default 2 minutes. */
  inflightMs?: number;
}

export interface AcquireOptions {
  /** "interactive": a person waits for this request. Default "background". */
  priority?: Priority;
  signal?: AbortSignal;
  /** performance.now() by which the grant must come; past it the caller gets FortnoxBusyError. */
  deadline?: number;
}

export interface Grant {
  /** The database's clock at the grant, epoch milliseconds. */
  grantedAt: number;
  /** How long this caller waited for the grant. */
  waitedMs: number;
  /**
   * The request's answer (or failure) is back. Call once, at once; the slot then starts to leave.
   * Returns the time recorded for it (the database's clock, epoch ms).
   */
  finish(): number;
}

export interface RateLimiter {
  /** Wait until the key's budget allows one more request of this priority, and take it. */
  acquire(key: RateLimitKey, options?: AcquireOptions): Promise<Grant>;
  /** Fortnox answered 429: pause every worker on this key. */
  reportRateLimited(key: RateLimitKey, retryAfterMs?: number): Promise<void>;
}

/** Windows without a 429 after which a learned margin step is given back. */
export const QUIET_WINDOWS = 20;

/** The margin never drops below this: clock drift and timestamp rounding do not shrink with the window. */
export const MIN_SAFETY_MARGIN_MS = 10;

/** Fortnox's documented limit: 25 requests per sliding 5 seconds (300 per minute). */
export const FORTNOX_RATE_LIMIT: RateLimitConfig = { requests: 25, windowMs: 5000 };

/** A limiter backed by `db`; create one per process (or per worker): they all share the budget. */
export function createRateLimiter(db: Database, config: RateLimitConfig = FORTNOX_RATE_LIMIT): RateLimiter & { settled(): Promise<void>; spanFor(key: RateLimitKey): number } {
  const spanMs = config.windowMs + (config.safetyMarginMs ?? Math.max(config.windowMs * 0.01, MIN_SAFETY_MARGIN_MS));
  const inflightMs = config.inflightMs ?? 120_000;
  const localClock = config.localClock ?? Date.now;
  const learned = new Map<string, { steps: number; at: number }>();
  const keyName = (key: RateLimitKey) => `${key.clientId}\u0000${key.tenantId}`;
  const learnedSteps = (name: string) => {
    const l = learned.get(name);
    return l ? Math.max(0, l.steps - Math.floor((localClock() - l.at) / (config.windowMs * QUIET_WINDOWS))) : 0;
  };
  const policyOf = (key: RateLimitKey) => policyFor(config.requests, spanMs + learnedSteps(keyName(key)) * config.windowMs * 0.01);
  // Callers in this process queue locally per key and priority, so a slot freeing wakes one of
  // them, not all, and a person never queues behind this process's background work.
  const queues = new Map<string, Promise<unknown>>();
  const pending = new Set<Promise<unknown>>();

  type Attempt = { slotId: number; grantedAt: number; startedAt: number } | { waitMs: number };
  function attempt(key: RateLimitKey, priority: Priority): Promise<Attempt> {
    const policy = policyOf(key);
    return db.transaction(async (tx) => {
      const k = await lockKey(tx, key, priority);
      const win = await readWindow(tx, k.id, policy.spanMs, inflightMs);
      const decision = decide(policy, { ...k, ...win }, priority);
      if (!decision.grant) return { waitMs: decision.waitMs };
      // Taken just before the statement that stamps the grant: see "What a slot's time is".
      const startedAt = performance.now();
      return { ...(await insertSlot(tx, k.id, priority, policy.intervalMs)), startedAt };
    });
  }

  function track(p: Promise<unknown>) {
    pending.add(p);
    void p.finally(() => pending.delete(p));
  }

  function grantOf(a: { slotId: number; grantedAt: number; startedAt: number }, waitedMs: number): Grant {
    let doneMs: number | undefined;
    return {
      grantedAt: a.grantedAt,
      waitedMs,
      finish() {
        if (doneMs !== undefined) return doneMs;
        doneMs = a.grantedAt + (performance.now() - a.startedAt);
        // Not awaited: the caller goes on; until the write lands the slot counts as in flight.
        track(markDone(db, a.slotId, doneMs).catch((error: unknown) => logger.warn("rate limiter: could not mark a request done", { error })));
        return doneMs;
      },
    };
  }

  async function acquireNow(key: RateLimitKey, o: AcquireOptions, started: number): Promise<Grant> {
    const priority = o.priority ?? "background";
    for (;;) {
      o.signal?.throwIfAborted();
      const a = await attempt(key, priority);
      if ("slotId" in a) return grantOf(a, performance.now() - started);
      if (o.deadline !== undefined && performance.now() + a.waitMs > o.deadline) throw new FortnoxBusyError(a.waitMs);
      await sleep(Math.ceil(a.waitMs), o.signal);
    }
  }

  return {
    /** Resolves once every `finish()` write started so far has landed. */
    async settled() {
      await Promise.all([...pending]);
    },

    /** The span this process enforces for `key` now: window + margin + learned margin. */
    spanFor(key: RateLimitKey) {
      return policyOf(key).spanMs;
    },

    acquire(key, options = {}) {
      const started = performance.now();
      const name = `${keyName(key)}\u0000${options.priority ?? "background"}`;
      const previous = queues.get(name) ?? Promise.resolve();
      const mine = previous.catch(() => undefined).then(() => acquireNow(key, options, started));
      const tail = mine.catch(() => undefined);
      queues.set(name, tail);
      void tail.then(() => {
        if (queues.get(name) === tail) queues.delete(name);
      });
      return mine;
    },

    async reportRateLimited(key, retryAfterMs) {
      const name = keyName(key);
      learned.set(name, { steps: Math.min(learnedSteps(name) + 1, 6), at: localClock() });
      await pauseKey(db, key, retryAfterMs !== undefined && retryAfterMs > 0 ? retryAfterMs : spanMs);
    },
  };
}

/** setTimeout as a promise that an AbortSignal can cut short. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason as Error);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
