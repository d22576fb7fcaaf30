import { z } from "zod";

import { isCalendarDate } from "@/lib/input/dates";
import { identityNumberProblem, normaliseIdentityNumber } from "@/lib/input/identity";
import { hasForbiddenCharacters } from "@/lib/input/text";

import { msg } from "./message-ref";

export { luhnValid } from "@/lib/input/identity";

/*
 * Zod building blocks for form input, shared by the browser (hints) and server actions. FormData
 * gives strings, so each one coerces: "" is "not given", decimals take a comma or a dot and spaces
 * as thousands separators ("1 234,50"), checkboxes are present ("on") or absent. Messages are
 * message references (lib/forms/message-ref.ts) translated where the locale is known.
 */

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v);

/** Refuses control characters (and line breaks unless `multiline`): never sent to Fortnox, never stored. */
function printable(max: number, opts: { multiline?: boolean; required?: boolean } = {}) {
  const base = opts.required ? z.string(msg("write.err.required")) : z.string(msg("write.err.text"));
  return base.max(max, msg("write.err.tooLong", { max })).refine((s) => !hasForbiddenCharacters(s, opts), msg(opts.multiline ? "write.err.controlChars" : "write.err.controlCharsLine"));
}

/** Optional text up to `max` characters; blank → null. `multiline` allows line breaks and tabs. */
export function optionalText(max: number, opts: { multiline?: boolean } = {}) {
  return z.preprocess(blankToUndefined, printable(max, opts).optional()).transform((v) => v ?? null);
}

/** Required text up to `max` characters. */
export function requiredText(max: number) {
  return z.preprocess(blankToUndefined, printable(max, { required: true }));
}

/**
 * Parse a Swedish or English decimal: "1 234,50", "12,50", "1234.5", "-3". NaN when it is not one:
 * "abc", "NaN", "Infinity", "1e400" and also "1e5" (nobody types a price in exponent notation; a
 * stray "e" is more likely a typo than 100000, so it is refused with the number hint).
 */
export function parseDecimal(value: string): number {
  const s = value.replace(/[\s\u00a0\u202f]/g, "").replace(/^−/, "-");
  if (!/^-?\d+([.,]\d+)?$/.test(s)) return NaN;
  const n = Number(s.replace(",", "."));
  return Number.isFinite(n) ? n : NaN;
}

const toNumber = (v: unknown) => {
  const b = blankToUndefined(v);
  if (typeof b === "string") return parseDecimal(b);
  // Non-finite numbers (from a JSON caller) are no number at all.
  return typeof b === "number" && !Number.isFinite(b) ? NaN : b;
};

function decimalNumber(opts: DecimalOptions) {
  let n = z.number({ error: (issue) => msg(issue.input === undefined ? "write.err.required" : "write.err.number") });
  if (opts.gt !== undefined) n = n.gt(opts.gt, msg("write.err.greaterThan", { min: opts.gt }));
  if (opts.min !== undefined) n = n.min(opts.min, msg("write.err.atLeast", { min: opts.min }));
  if (opts.max !== undefined) n = n.max(opts.max, msg("write.err.atMost", { max: opts.max }));
  const places = opts.decimals ?? 2;
  return n.refine((v) => Math.abs(Math.round(v * 10 ** places) - v * 10 ** places) < 1e-6, msg("write.err.decimals", { places }));
}

type DecimalOptions = { min?: number; max?: number; decimals?: number; gt?: number };

/** A decimal with at most `decimals` places, within [min, max]. */
export function decimal(opts: DecimalOptions = {}) {
  return z.preprocess(toNumber, decimalNumber(opts));
}

/** Same as `decimal` but blank → null. (Not a union: a union's failure is zod's untranslated "Invalid input".) */
export function optionalDecimal(opts: DecimalOptions = {}) {
  return z.preprocess(toNumber, decimalNumber(opts).optional()).transform((v) => v ?? null);
}

/** A whole number in [min, max]; blank → null. */
export function optionalInt(min: number, max: number) {
  const n = z.number({ error: (issue) => msg(issue.input === undefined ? "write.err.required" : "write.err.number") }).int(msg("write.err.wholeNumber")).min(min, msg("write.err.between", { min, max })).max(max, msg("write.err.between", { min, max }));
  return z.preprocess(toNumber, n.optional()).transform((v) => v ?? null);
}

/** The Swedish VAT rates Fortnox books on predefined accounts. */
export const VAT_RATES = [25, 12, 6, 0] as const;
export type VatRate = (typeof VAT_RATES)[number];

/** A VAT rate; blank → `fallback`. */
export function vatRate(fallback: VatRate = 25) {
  return z.preprocess(
    (v) => toNumber(v) ?? fallback,
    z.number(msg("write.err.vat")).refine((n): n is VatRate => (VAT_RATES as readonly number[]).includes(n), msg("write.err.vat")),
  ) as z.ZodType<VatRate, unknown>;
}

/** A checkbox: present and not "false"/"off" means ticked. */
export const checkbox = z.preprocess((v) => v !== undefined && v !== null && v !== "" && v !== "false" && v !== "off" && v !== false, z.boolean());

/** An optional calendar date YYYY-MM-DD; blank → null. */
export const optionalDate = z
  .preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, { message: msg("write.err.date"), abort: true })
      .refine(isCalendarDate, msg("write.err.dateInvalid"))
      .optional(),
  )
  .transform((v) => v ?? null);

/**
 * A Swedish organisation number or personnummer (lib/input/identity.ts has the rules): normalised to
 * Fortnox's form with the dash; blank → null.
 */
export const organisationNumber = z
  .preprocess(
    blankToUndefined,
    z
      .string()
      .superRefine((s, ctx) => {
        const problem = identityNumberProblem(s);
        if (problem) ctx.addIssue({ code: "custom", message: msg(ORGNO_MESSAGES[problem]) });
      })
      .optional(),
  )
  .transform((v) => (v === undefined ? null : normaliseIdentityNumber(v)));

const ORGNO_MESSAGES = { format: "write.err.orgnoFormat", checksum: "write.err.orgnoChecksum", invalid: "write.err.orgnoInvalid" } as const;

/** An optional e-mail address; blank → null. */
export const optionalEmail = z.preprocess(blankToUndefined, z.email(msg("write.err.email")).max(1024, msg("write.err.tooLong", { max: 1024 })).optional()).transform((v) => v ?? null);

/** Issues as the `fields` map actions return: dot path → every message for it. */
export function fieldErrors(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join(".") || "_form";
    const list = (out[path] ??= []);
    if (!list.includes(issue.message)) list.push(issue.message);
  }
  return out;
}
