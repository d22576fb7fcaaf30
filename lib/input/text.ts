/*
 * Text that PostgreSQL and Fortnox can both hold. PostgreSQL `text` and `jsonb` cannot store U+0000
 * at all, and `jsonb` refuses a lone UTF-16 surrogate; other control characters are legal but never
 * meant in a name or an address (they arrive from pasted binary, fuzzing, or a broken export).
 *
 * Two policies, one per direction:
 * - what a person types (a write) is refused with a field error: we never send Fortnox what we
 *   would not store ourselves;
 * - what Fortnox sends (a sync) is stored cleaned: one odd record must never stop a company's sync.
 */

// C0 controls except TAB, LF and CR; DEL; C1 controls.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const LINE_BREAK_OR_TAB = /[\t\n\r]/;
// Bidirectional embeddings, overrides and isolates: invisible, and they reorder what follows them
// ("Trojan Source"), so a name could read as another one in a list or a CSV. Arabic and Hebrew need
// none of them; the plain marks (U+200E, U+200F) stay allowed.
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, "g");

/** True when `s` holds a character no form field accepts (controls, bidi overrides, unpaired surrogates). */
export function hasForbiddenCharacters(s: string, opts: { multiline?: boolean } = {}): boolean {
  return CONTROL.test(s) || BIDI_CONTROL.test(s) || LONE_SURROGATE.test(s) || (!opts.multiline && LINE_BREAK_OR_TAB.test(s));
}

/** A string PostgreSQL can store: NUL removed, unpaired surrogates replaced by U+FFFD. */
export function storableText(s: string): string {
  const noNul = s.includes("\u0000") ? s.replaceAll("\u0000", "") : s;
  return LONE_SURROGATE.test(noNul) ? noNul.replace(LONE_SURROGATES, "\ufffd") : noNul;
}

/** True when `value` (any JSON) holds a string PostgreSQL cannot store as is. */
export function needsCleaning(value: unknown): boolean {
  if (typeof value === "string") return value.includes("\u0000") || LONE_SURROGATE.test(value);
  if (Array.isArray(value)) return value.some(needsCleaning);
  if (value && typeof value === "object") return Object.entries(value).some(([k, v]) => needsCleaning(k) || needsCleaning(v));
  return false;
}

/**
 * `value` (parsed JSON) with every string, keys included, made storable. Returns the same object
 * when nothing needs cleaning, so the common case costs one walk and no copies.
 */
export function cleanJson<T>(value: T): T {
  if (!needsCleaning(value)) return value;
  return deepClean(value) as T;
}

function deepClean(value: unknown): unknown {
  if (typeof value === "string") return storableText(value);
  if (Array.isArray(value)) return value.map(deepClean);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [storableText(k), deepClean(v)]));
  return value;
}

/**
 * A search term or filter from a URL: controls dropped (they can match nothing a person typed),
 * trimmed, at most `max` characters. Lists never fail on a bad value; they show what they can.
 */
export function searchText(s: string, max = 100): string {
  return storableText(s).replace(new RegExp(CONTROL.source, "g"), "").replace(/[\t\n\r]/g, " ").trim().slice(0, max);
}
