import "server-only";

/**
 * Retry pacing for idempotent Fortnox calls: exponential backoff with full jitter (a uniformly
 * random delay below the exponential ceiling), so workers that failed together do not retry
 * together. Bounded in attempts and in each delay.
 */

export interface BackoffPolicy {
  /** Total attempts including the first. */
  attempts: number;
  baseMs: number;
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { attempts: 6, baseMs: 250, capMs: 8_000 };

/** Delay before retry number `retry` (0 for the first retry): uniform in [0, min(cap, base·2^retry)). */
export function backoffDelay(retry: number, policy: BackoffPolicy = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, retry));
  return Math.floor(random() * ceiling);
}
