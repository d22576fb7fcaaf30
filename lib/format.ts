/**
 * Swedish-style formatting for people, not machines: organisation numbers as NNNNNN-NNNN,
 * amounts in SEK (or the record's currency) with Swedish separators, dates as YYYY-MM-DD
 * (the Swedish standard in both languages, which is also how Fortnox shows them).
 */

export function formatOrganisationNumber(value: string): string {
  const digits = value.replace(/\D/g, "");
  if (digits.length === 10) return `${digits.slice(0, 6)}-${digits.slice(6)}`;
  if (digits.length === 12) return `${digits.slice(0, 8)}-${digits.slice(8)}`;
  return value;
}

export function formatMoney(amount: number, currency = "SEK", locale: "sv" | "en" = "sv"): string {
  return new Intl.NumberFormat(locale === "sv" ? "sv-SE" : "en-SE", { style: "currency", currency, minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(amount);
}

export function formatDate(value: Date | string | null | undefined): string {
  if (!value) return "–";
  const d = typeof value === "string" ? new Date(`${value.slice(0, 10)}T12:00:00Z`) : value;
  return new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm", year: "numeric", month: "2-digit", day: "2-digit" }).format(d);
}

export function formatDateTime(value: Date | null | undefined, locale: "sv" | "en" = "sv"): string {
  if (!value) return "–";
  return new Intl.DateTimeFormat(locale === "sv" ? "sv-SE" : "en-GB", { timeZone: "Europe/Stockholm", dateStyle: "short", timeStyle: "short" }).format(value);
}
