/**
 * When invoices happen: invoice dates spread over the ~18 months before `now`, with a growth trend,
 * quiet weekends and a July dip so monthly charts in the portal look like a real business.
 */
import { weekdayOfDay } from "./dates";
import type { Rng } from "./prng";

/** How far back the invoice history reaches (about 18 months). */
export const HISTORY_DAYS = 547;

function dayWeight(epochDay: number, index: number, days: number): number {
  const weekday = weekdayOfDay(epochDay);
  const weekend = weekday === 0 || weekday === 6 ? 0.08 : 1;
  // Month from the epoch day: cheap approximation is fine for a seasonal weight.
  const month = new Date(epochDay * 86_400_000).getUTCMonth();
  const seasonal = month === 6 ? 0.45 : month === 11 ? 0.8 : month === 0 ? 0.85 : 1;
  const growth = 0.6 + 0.4 * (index / Math.max(1, days - 1));
  return weekend * seasonal * growth;
}

/**
 * `count` invoice days (epoch days) in [today − HISTORY_DAYS, today], sorted ascending so that
 * DocumentNumber order follows date order as in Fortnox. O(count · log days).
 */
export function sampleInvoiceDays(rng: Rng, count: number, today: number): Int32Array {
  const first = today - HISTORY_DAYS;
  const days = HISTORY_DAYS + 1;
  const cumulative = new Float64Array(days);
  let total = 0;
  for (let i = 0; i < days; i++) {
    total += dayWeight(first + i, i, days);
    cumulative[i] = total;
  }
  const out = new Int32Array(count);
  for (let n = 0; n < count; n++) {
    const r = rng.float() * total;
    let lo = 0;
    let hi = days - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] ?? 0) > r) hi = mid;
      else lo = mid + 1;
    }
    out[n] = first + lo;
  }
  return out.sort();
}

