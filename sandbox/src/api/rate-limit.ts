import type { RateLimit } from "../core/context";

/**
 * Fortnox's limit: 25 requests per sliding 5-second window per client id + tenant
 * (fortnox-facts §4). Accepted requests occupy the window; refused ones do not, so a client that
 * waits out Retry-After gets in (Fortnox: "throttling until the window average is back under").
 * Real monotonic time, never the sandbox clock, so advancing the clock cannot open the window.
 */
export class SlidingWindowLimiter {
  private readonly windows = new Map<string, number[]>();

  constructor(private readonly limit: RateLimit) {}

  /** 0 when the request may proceed (and is counted), else milliseconds until a slot frees. */
  take(key: string, now = performance.now()): number {
    const cutoff = now - this.limit.windowMs;
    const times = this.windows.get(key) ?? [];
    while (times.length > 0 && times[0]! <= cutoff) times.shift();
    if (times.length >= this.limit.requests) return Math.max(1, Math.ceil(times[0]! + this.limit.windowMs - now));
    times.push(now);
    this.windows.set(key, times);
    return 0;
  }
}
