import fc from "fast-check";

import { dictionaries } from "@/lib/i18n/dictionaries";

/*
 * Hostile input for property tests: what a fuzzer, a pasted binary, a crafted POST or a curious
 * user sends. Known troublemakers (NUL, lone surrogates, non-finite numbers, impossible dates,
 * out-of-range integers, huge strings) mixed with arbitrary Unicode and binary strings.
 */

export const NASTY = [
  "\u0000", "%00", "a\u0000b", "\ud800", "\udfff", "\u202e", "\u0007", "\r\n", "\t",
  "NaN", "Infinity", "-Infinity", "1e5", "1e400", "-1e400", "abc", "0x10", "12,50", "1 234,50", "−3", "١٢٣", "-1", "0", "1,2,3",
  "99999999999999999999", "9007199254740993", "2147483648", "-0",
  "2025-13-01", "2025-02-29", "2025-02-32", "2024-02-29", "0000-00-00", "9999-12-31",
  "000000-0000", "556640-2277", "19811218+9876", "5566402276",
  "' OR 1=1 --", "<script>alert(1)</script>", "../../etc/passwd", "%", "_", "\\", "{}", "[]", "null", "undefined", "__proto__", "constructor",
  "x".repeat(2000), "å".repeat(300), "", " ",
];

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY) },
  // A plausible value with a control character or a lone surrogate inside.
  { weight: 2, arbitrary: fc.tuple(fc.string({ maxLength: 8 }), fc.constantFrom("\u0000", "\ud800", "\u0007", "\u001f", "\n"), fc.string({ maxLength: 8 })).map((p) => p.join("")) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.double().map(String) },
  { weight: 1, arbitrary: fc.bigInt().map(String) },
);

/** A form's fields (some, all or none of them) with hostile values, plus one hostile extra name. */
export function hostileForm(fields: string[]): fc.Arbitrary<[string, string][]> {
  const known = fc.record(Object.fromEntries(fields.map((f) => [f, hostileString])), { requiredKeys: [] });
  const extra = fc.option(fc.tuple(fc.oneof(fc.constantFrom("rows.10001.price", "__proto__.x", "rows.0.__proto__", "a..b", "rows.-1.price"), fc.string({ maxLength: 12 })), hostileString), { nil: undefined });
  return fc.tuple(known, extra).map(([k, x]) => [...Object.entries(k as Record<string, string>), ...(x ? [x] : [])]);
}

// Every English message as a pattern ({vars} match anything): a message that is none of them was
// not translated (zod's "Invalid input", a guard's English literal, a stack).
const templates = Object.values(dictionaries.en).map((t) => new RegExp(`^${t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\\\{\w+\\\}/g, "[\\s\\S]*")}$`));

/** True when `text` is one of the English dictionary's messages (with its variables filled in). */
export function isTranslated(text: unknown): boolean {
  return typeof text === "string" && text.length > 0 && templates.some((r) => r.test(text));
}
