/**
 * Calendar-day arithmetic on "YYYY-MM-DD" strings. Fortnox dates are local Swedish calendar days
 * without a time, so the generator works in whole days (epoch-day integers) and never in local time.
 */

const MS_PER_DAY = 86_400_000;

/** Swedish calendar day of an instant; fixed formatter so the result does not depend on the host TZ. */
const stockholmDay = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/Stockholm",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** Epoch day (days since 1970-01-01) of the Swedish calendar date that `instant` falls on. */
export function stockholmEpochDay(instant: Date): number {
  return parseDay(stockholmDay.format(instant));
}

/** "2024-05-17" → epoch day. */
export function parseDay(day: string): number {
  const [y, m, d] = day.split("-").map(Number);
  return Math.floor(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) / MS_PER_DAY);
}

/** Epoch day → "YYYY-MM-DD". Cached because 100k invoices reuse ~550 distinct days. */
const formatCache = new Map<number, string>();
export function formatDay(epochDay: number): string {
  let s = formatCache.get(epochDay);
  if (s === undefined) {
    s = new Date(epochDay * MS_PER_DAY).toISOString().slice(0, 10);
    formatCache.set(epochDay, s);
  }
  return s;
}

/** Calendar year of an epoch day (for VoucherYear = financial year, calendar-year companies). */
export function yearOfDay(epochDay: number): number {
  return new Date(epochDay * MS_PER_DAY).getUTCFullYear();
}

/** Day of week 0 = Sunday … 6 = Saturday. */
export function weekdayOfDay(epochDay: number): number {
  return (epochDay + 4) % 7;
}

/**
 * An instant on `epochDay` at `minuteOfDay` (treated as UTC; ±1–2 h versus Swedish time is
 * irrelevant for `lastmodified`), clamped so it is never after `now`.
 */
export function instantOn(epochDay: number, minuteOfDay: number, now: Date): Date {
  const ms = epochDay * MS_PER_DAY + minuteOfDay * 60_000;
  return new Date(Math.min(ms, now.getTime()));
}
