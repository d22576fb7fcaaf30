import "server-only";

import type { Database } from "@/lib/db/client";
import { createRateLimiter, sleep, type RateLimitConfig, type RateLimiter } from "@/lib/fortnox/rate-limiter";
import { logger } from "@/lib/log";

import { getSandboxSpeed, SPEEDS } from "./sandbox";

/**
 * The demo-speed switch, on Brygga's side. The sandbox owns the speed (its window is Fortnox's
 * divided by the factor); Brygga's limiter must use the same window, or it either wastes the
 * demo's speed or meets 429s. So in demo mode the limiter asks the sandbox (at most once a second
 * per process, and at once in the process that changed it) and budgets with the matching window.
 * One source of truth: a restart, a second portal process or a speed changed elsewhere all follow.
 */

const TTL_MS = 1_000;
type Reader = () => Promise<number>;

interface Cached {
  factor: number;
  at: number;
  pending?: Promise<number>;
}
const holder = globalThis as unknown as { __bryggaDemoSpeed?: Cached };

/** Drop the cached factor so the next grant reads the sandbox's (after this process changed it). */
export function forgetDemoSpeed(factor?: number): void {
  holder.__bryggaDemoSpeed = factor === undefined ? undefined : { factor, at: Date.now() };
}

function valid(factor: number): number {
  // A factor the switch does not offer falls back to Fortnox's real window: budgeting slower than
  // the sandbox only costs speed, budgeting faster would meet 429s.
  return (SPEEDS as readonly number[]).includes(factor) ? factor : 1;
}

/** The sandbox's current speed, cached; on failure the last known one (or Fortnox's real pace). */
export function currentDemoSpeed(read: Reader = getSandboxSpeed, now = Date.now): Promise<number> {
  const c = holder.__bryggaDemoSpeed;
  if (c && now() - c.at < TTL_MS) return Promise.resolve(c.factor);
  if (c?.pending) return c.pending;
  const last = c?.factor ?? 1;
  const pending = read()
    .then(valid)
    .catch((error: unknown) => {
      logger.warn("demo: could not read the sandbox's speed; keeping the last known", { error, factor: last });
      return last;
    })
    .then((factor) => {
      holder.__bryggaDemoSpeed = { factor, at: now() };
      return factor;
    });
  holder.__bryggaDemoSpeed = { factor: last, at: c?.at ?? 0, pending };
  return pending;
}

/** The window at `factor`: Fortnox's (or the configured) window, `factor` times faster. */
export function scaledConfig(base: RateLimitConfig, factor: number): RateLimitConfig {
  return { ...base, windowMs: Math.max(1, Math.round(base.windowMs / factor)) };
}

/**
 * A limiter whose window follows the demo speed: one inner limiter per scale, all on the same grant
 * table. Speeding up is safe at once (a shorter window only counts fewer grants). Slowing down is
 * not: each inner limiter prunes grants older than its own window, so the slower one would not see
 * the burst the faster one just made, while the sandbox, now counting over the longer window, does.
 * So after a switch to a slower scale every grant in this process waits one new window first.
 */
export function createDemoRateLimiter(db: Database, base: RateLimitConfig, speed: () => Promise<number> = () => currentDemoSpeed()): RateLimiter {
  const inner = new Map<number, RateLimiter>();
  let last: number | null = null;
  let holdUntil = 0;
  const limiter = async () => {
    const factor = await speed();
    const config = scaledConfig(base, factor);
    if (last !== null && factor < last) holdUntil = Date.now() + config.windowMs;
    last = factor;
    let l = inner.get(factor);
    if (!l) {
      l = createRateLimiter(db, config);
      inner.set(factor, l);
    }
    return l;
  };
  return {
    async acquire(key, options) {
      const l = await limiter();
      if (holdUntil > Date.now()) await sleep(holdUntil - Date.now(), options?.signal);
      return l.acquire(key, options);
    },
    reportRateLimited: async (key, retryAfterMs) => (await limiter()).reportRateLimited(key, retryAfterMs),
  };
}
