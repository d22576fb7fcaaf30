/**
 * Swedish-style formatting for people, not machines: organisation numbers as NNNNNN-NNNN,
 * amounts in SEK (or the record's currency) and plain numbers with Swedish separators, dates as
 * YYYY-MM-DD and times as YYYY-MM-DD HH:MM (the Swedish standard in both languages, which is also
 * how Fortnox shows them). English uses Intl's English-in-Sweden locale (en-SE), so a count beside
 * an amount never reads "2,500" next to "3 958 551,00 kr", nor a time "03/12/2026" beside a date
 * "2026-12-03".
 */

// Building an Intl formatter costs far more than using one, and a list page formats hundreds of
// values: keep one per option set.
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let f = formatters.get(key) as T | undefined;
  if (!f) formatters.set(key, (f = make()));
  return f;
}

export function formatOrganisationNumber(value: string): string {
  const digits = value.replace(/\D/g, "");
  if (digits.length === 10) return `${digits.slice(0, 6)}-${digits.slice(6)}`;
  if (digits.length === 12) return `${digits.slice(0, 8)}-${digits.slice(8)}`;
  return value;
}

export function formatMoney(amount: number, currency = "SEK", locale: "sv" | "en" = "sv"): string {
  const tag = locale === "sv" ? "sv-SE" : "en-SE";
  return cached(`money:${tag}:${currency}`, () => new Intl.NumberFormat(tag, { style: "currency", currency, minimumFractionDigits: 2, maximumFractionDigits: 2 })).format(amount);
}

// A calendar date as Fortnox and PostgreSQL give it is already how people read it (the time zone
// cannot move a date without a time); only a full timestamp needs Intl and Stockholm's zone.
const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function formatDate(value: Date | string | null | undefined): string {
  if (!value) return "–";
  if (typeof value === "string" && CALENDAR_DATE.test(value)) return value;
  const d = typeof value === "string" ? new Date(`${value.slice(0, 10)}T12:00:00Z`) : value;
  return cached("date", () => new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm", year: "numeric", month: "2-digit", day: "2-digit" })).format(d);
}

// `locale` is kept so callers say which language they render; both read YYYY-MM-DD HH:MM.
export function formatDateTime(value: Date | null | undefined, _locale: "sv" | "en" = "sv"): string {
  if (!value) return "–";
  return cached("datetime", () => new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm", dateStyle: "short", timeStyle: "short" })).format(value);
}

/** Date and time to the second, for timelines where several things happen within a minute. */
export function formatDateTimeSeconds(value: Date | null | undefined, _locale: "sv" | "en" = "sv"): string {
  if (!value) return "–";
  return cached("datetime-s", () => new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm", dateStyle: "short", timeStyle: "medium" })).format(value);
}

/** Today's date in Stockholm as YYYY-MM-DD: what "overdue" and "this month" mean to a Swedish company. */
export function todayInStockholm(now: Date = new Date()): string {
  return formatDate(now);
}

/** A plain number (quantities, percentages) with the locale's separators; "–" when unknown. */
export function formatNumber(value: number | null | undefined, locale: "sv" | "en" = "sv", maximumFractionDigits = 3): string {
  if (value === null || value === undefined) return "–";
  const tag = locale === "sv" ? "sv-SE" : "en-SE";
  return cached(`number:${tag}:${maximumFractionDigits}`, () => new Intl.NumberFormat(tag, { maximumFractionDigits })).format(value);
}

/** A number for machines that read it back (CSV): no grouping, two decimals for amounts, decimal comma in Swedish. */
export function formatDecimal(value: number | null | undefined, locale: "sv" | "en", fractionDigits?: number): string {
  if (value === null || value === undefined) return "";
  const text = fractionDigits === undefined ? String(value) : value.toFixed(fractionDigits);
  return locale === "sv" ? text.replace(".", ",") : text;
}
