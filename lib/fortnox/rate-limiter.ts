import "server-only";

import { sql } from "drizzle-orm";

import type { Database } from "@/lib/db/client";
import { queryRows } from "@/lib/db/raw";
import { logger } from "@/lib/log";

/**
 * Fortnox's rate limit as one budget per (client id, Fortnox tenant), shared by every worker in
 * every process through the database (fortnox-facts §4, integrator-pain §3).
 *
 * Design: a grant is a row in `rate_limit_slots` stamped with the database's clock_timestamp(),
 * written under the key row's lock (SELECT … FOR UPDATE, so processes on PostgreSQL serialise per
 * key; PGlite runs the same SQL). A request is granted only if fewer than `requests` grants lie in
 * the last `windowMs + safetyMarginMs`; otherwise the caller learns exactly when the oldest of them
 * leaves that span and sleeps until then, with no polling. Because every grant happens "now" at the
 * database, N processes on any number of machines agree on one clock and together never exceed the
 * limit in any window.
 *
 * Safety margin: Fortnox measures arrival times, we measure grant times. Between the two lie the
 * commit, the hop back to the worker, event-loop stalls and network latency; only their variation
 * matters (a slow first and a fast 26th request shrink the window). The default margin, 2 % of the
 * window but at least 40 ms (100 ms for Fortnox's 5 s), covers that and caps utilisation at ~98 %.
 *
 * Late senders: the grant's time is the database's, but the request leaves when the caller's event
 * loop gets back to it. On PGlite that can be a whole batch upsert later (the database runs on the
 * same thread), and a grant stamped well before its request arrives is what let Fortnox see 26 in a
 * window. So a caller that resumes more than LATE_MS after its grant moves its slot's stamp to the
 * database's "now", taken as its request leaves (on PGlite behind the same queued writes, so not
 * before it). Later stamps only ever make later grants wait longer, so the shared guarantee holds.
 *
 * A 429 pauses the whole key: `reportRateLimited` stores `paused_until` (Retry-After when Fortnox
 * sends one, else a full window), and no grant is made before it.
 */

export interface RateLimitKey {
  clientId: string;
  /** Fortnox's tenant id (DatabaseNumber). */
  tenantId: number;
}

export interface RateLimitConfig {
  requests: number;
  windowMs: number;
  /** Added to the window; see the module comment. Default: 2 % of the window. */
  safetyMarginMs?: number;
  /** This process's clock, epoch ms (tests move it to play a caller that resumes late). */
  localClock?: () => number;
}

/** A caller resuming this long after its grant restamps the slot (see the module comment). */
export const LATE_MS = 5;

/** Windows without a 429 after which a learned margin step is given back. */
export const QUIET_WINDOWS = 20;

export interface Grant {
  /** The database's clock at the grant, epoch milliseconds. */
  grantedAt: number;
  /** How long this caller waited for the grant. */
  waitedMs: number;
}

export interface RateLimiter {
  /** Wait until the key's budget allows one more request, and take it. */
  acquire(key: RateLimitKey, signal?: AbortSignal): Promise<Grant>;
  /** Fortnox answered 429: pause every worker on this key. */
  reportRateLimited(key: RateLimitKey, retryAfterMs?: number): Promise<void>;
  /** Count requests sent without a grant (identifying a company while connecting) against the budget. */
  recordSent(key: RateLimitKey, count: number): Promise<void>;
}

/**
 * The margin never drops below this: jitter between our grant and Fortnox's arrival (an event loop
 * busy with an embedded-database write, a busy server) does not shrink with a shorter window.
 */
export const MIN_SAFETY_MARGIN_MS = 40;

/** Fortnox's documented limit: 25 requests per sliding 5 seconds (300 per minute). */
export const FORTNOX_RATE_LIMIT: RateLimitConfig = { requests: 25, windowMs: 5000 };

type Attempt = { grantedAt: number; slotId: number; waitMs: 0 } | { grantedAt: null; waitMs: number };

/** A limiter backed by `db`; create one per process (or per worker) — they all share the budget. */
export function createRateLimiter(db: Database, config: RateLimitConfig = FORTNOX_RATE_LIMIT): RateLimiter & { settled(): Promise<void> } {
  const spanMs = config.windowMs + (config.safetyMarginMs ?? Math.max(config.windowMs * 0.02, MIN_SAFETY_MARGIN_MS));
  const localClock = config.localClock ?? Date.now;
  // A 429 means Fortnox saw arrivals closer together than our grants: this host's jitter exceeds
  // the margin. Each one widens the key's margin by 1 % of the window (up to 6 %), so a noisy spell
  // settles at no 429s instead of paying a pause for each. Every QUIET_WINDOWS windows without one
  // take a step back, so a spell that has passed stops costing budget.
  const learned = new Map<string, { steps: number; at: number }>();
  const keyName = (key: RateLimitKey) => `${key.clientId}\u0000${key.tenantId}`;
  const learnedSteps = (name: string) => {
    const l = learned.get(name);
    return l ? Math.max(0, l.steps - Math.floor((localClock() - l.at) / (config.windowMs * QUIET_WINDOWS))) : 0;
  };
  const spanOf = (key: RateLimitKey) => sql`(${spanMs + learnedSteps(keyName(key)) * config.windowMs * 0.01}::float8 * interval '1 millisecond')`;
  // Callers in this process queue locally per key, so a slot freeing wakes one of them, not all.
  const queues = new Map<string, Promise<unknown>>();
  const pending = new Set<Promise<unknown>>();

  async function keyId(tx: Database, key: RateLimitKey): Promise<number> {
    const lock = sql`select id from rate_limit_keys where client_id = ${key.clientId} and fortnox_tenant_id = ${key.tenantId} for update`;
    const [row] = await queryRows<{ id: number | string }>(tx, lock);
    if (row) return Number(row.id);
    await tx.execute(sql`insert into rate_limit_keys (client_id, fortnox_tenant_id) values (${key.clientId}, ${key.tenantId}) on conflict do nothing`);
    const [created] = await queryRows<{ id: number | string }>(tx, lock);
    return Number(created!.id);
  }

  async function attempt(key: RateLimitKey): Promise<Attempt> {
    const span = spanOf(key);
    return db.transaction(async (tx) => {
      const id = await keyId(tx, key);
      // A new statement, so its snapshot includes every grant committed before we got the lock.
      const [row] = await queryRows<{ granted_ms: number | null; slot_id: number | string | null; wait_ms: number }>(
        tx,
        sql`
        with clock as (select clock_timestamp() as t),
        pruned as (delete from rate_limit_slots where key_id = ${id} and granted_at <= (select t from clock) - ${span}),
        win as (
          select granted_at from rate_limit_slots
          where key_id = ${id} and granted_at > (select t from clock) - ${span}
          order by granted_at desc limit ${config.requests}
        ),
        gate as (
          select (select t from clock) as now, (select count(*)::int from win) as n, (select min(granted_at) from win) as oldest,
                 (select paused_until from rate_limit_keys where id = ${id}) as paused_until
        ),
        ins as (
          insert into rate_limit_slots (key_id, granted_at)
          select ${id}, now from gate where n < ${config.requests} and (paused_until is null or paused_until <= now)
          returning id, granted_at
        )
        select (extract(epoch from (select granted_at from ins)) * 1000)::float8 as granted_ms, (select id from ins) as slot_id,
               greatest(
                 case when n >= ${config.requests} then extract(epoch from (oldest + ${span} - now)) * 1000 else 0 end,
                 coalesce(extract(epoch from (paused_until - now)) * 1000, 0)
               )::float8 as wait_ms
        from gate`,
      );
      if (!row) throw new Error("rate limiter: the grant statement returned no row");
      return row.granted_ms !== null ? { grantedAt: Number(row.granted_ms), slotId: Number(row.slot_id), waitMs: 0 } : { grantedAt: null, waitMs: Math.max(1, Number(row.wait_ms)) };
    });
  }

  // Not awaited: the request leaves now, while the new stamp is being taken.
  function restamp(slotId: number) {
    const done = db
      .execute(sql`update rate_limit_slots set granted_at = greatest(granted_at, clock_timestamp()) where id = ${slotId}`)
      .catch((error: unknown) => logger.warn("rate limiter: could not restamp a late grant", { error }));
    pending.add(done);
    void done.finally(() => pending.delete(done));
  }

  async function acquireNow(key: RateLimitKey, signal: AbortSignal | undefined, started: number): Promise<Grant> {
    for (;;) {
      signal?.throwIfAborted();
      const a = await attempt(key);
      if (a.grantedAt !== null) {
        if (localClock() - a.grantedAt > LATE_MS) restamp(a.slotId);
        return { grantedAt: a.grantedAt, waitedMs: performance.now() - started };
      }
      await sleep(Math.ceil(a.waitMs), signal);
    }
  }

  return {
    /** Resolves once every restamp started so far has been written. */
    async settled() {
      await Promise.all([...pending]);
    },

    acquire(key, signal) {
      const started = performance.now();
      const name = keyName(key);
      const previous = queues.get(name) ?? Promise.resolve();
      const mine = previous.catch(() => undefined).then(() => acquireNow(key, signal, started));
      const tail = mine.catch(() => undefined);
      queues.set(name, tail);
      void tail.then(() => {
        if (queues.get(name) === tail) queues.delete(name);
      });
      return mine;
    },

    async recordSent(key, count) {
      if (count <= 0) return;
      await db.transaction(async (tx) => {
        const id = await keyId(tx, key);
        await tx.execute(sql`insert into rate_limit_slots (key_id, granted_at) select ${id}, clock_timestamp() from generate_series(1, ${count})`);
      });
    },

    async reportRateLimited(key, retryAfterMs) {
      const name = keyName(key);
      learned.set(name, { steps: Math.min(learnedSteps(name) + 1, 6), at: localClock() });
      const pauseMs = retryAfterMs !== undefined && retryAfterMs > 0 ? retryAfterMs : spanMs;
      await db.execute(sql`
        insert into rate_limit_keys (client_id, fortnox_tenant_id, paused_until)
        values (${key.clientId}, ${key.tenantId}, clock_timestamp() + (${pauseMs}::float8 * interval '1 millisecond'))
        on conflict (client_id, fortnox_tenant_id)
        do update set paused_until = greatest(rate_limit_keys.paused_until, excluded.paused_until)`);
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
