import type { RateLimit } from "../core/context";

/**
 * Fortnox's limit: 25 requests per sliding 5-second window per client id + tenant
 * (docs/fortnox.md#rate-limits). Accepted requests occupy the window; refused ones do not, so a client that
 * waits out Retry-After gets in (Fortnox: "throttling until the window average is back under").
 * Real monotonic time, never the sandbox clock, so advancing the clock cannot open the window.
 */
export class SlidingWindowLimiter {
  private readonly windows = new Map<string, number[]>();

  /** A function, so the demo speed switch can change the window while the sandbox runs. */
  constructor(private readonly limit: () => RateLimit) {}

  /** 0 when the request may proceed (and is counted), else milliseconds until a slot frees. */
  take(key: string, now = performance.now()): number {
    const { requests, windowMs } = this.limit();
    const cutoff = now - windowMs;
    const times = this.windows.get(key) ?? [];
    while (times.length > 0 && times[0]! <= cutoff) times.shift();
    if (times.length >= requests) return Math.max(1, Math.ceil(times[0]! + windowMs - now));
    times.push(now);
    this.windows.set(key, times);
    return 0;
  }
}
