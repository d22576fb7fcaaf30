import { z } from "zod";

import { msg } from "./message-ref";

/*
 * Zod building blocks for form input, shared by the browser (hints) and server actions. FormData
 * gives strings, so each one coerces: "" is "not given", decimals take a comma or a dot and spaces
 * as thousands separators ("1 234,50"), checkboxes are present ("on") or absent. Messages are
 * message references (lib/forms/message-ref.ts) translated where the locale is known.
 */

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v);

/** Optional text up to `max` characters; blank → null. */
export function optionalText(max: number) {
  return z.preprocess(blankToUndefined, z.string().max(max, msg("write.err.tooLong", { max })).optional()).transform((v) => v ?? null);
}

/** Required text up to `max` characters. */
export function requiredText(max: number) {
  return z.preprocess(blankToUndefined, z.string(msg("write.err.required")).max(max, msg("write.err.tooLong", { max })));
}

/** Parse a Swedish or English decimal: "1 234,50", "1234.5", "-3". NaN when it is not one. */
export function parseDecimal(value: string): number {
  const s = value.replace(/[\s\u00a0\u202f]/g, "").replace(/^−/, "-");
  if (!/^-?\d+([.,]\d+)?$/.test(s)) return NaN;
  return Number(s.replace(",", "."));
}

const toNumber = (v: unknown) => {
  const b = blankToUndefined(v);
  return typeof b === "string" ? parseDecimal(b) : b;
};

/** A decimal with at most `decimals` places, within [min, max]. */
export function decimal(opts: { min?: number; max?: number; decimals?: number; gt?: number } = {}) {
  let n = z.number(msg("write.err.number"));
  if (opts.gt !== undefined) n = n.gt(opts.gt, msg("write.err.greaterThan", { min: opts.gt }));
  if (opts.min !== undefined) n = n.min(opts.min, msg("write.err.atLeast", { min: opts.min }));
  if (opts.max !== undefined) n = n.max(opts.max, msg("write.err.atMost", { max: opts.max }));
  const places = opts.decimals ?? 2;
  const refined = n.refine((v) => Math.abs(Math.round(v * 10 ** places) - v * 10 ** places) < 1e-6, msg("write.err.decimals", { places }));
  return z.preprocess(toNumber, refined);
}

/** Same as `decimal` but blank → null. */
export function optionalDecimal(opts: Parameters<typeof decimal>[0] = {}) {
  return z.preprocess(toNumber, z.union([z.undefined(), decimal(opts)])).transform((v) => v ?? null);
}

/** A whole number in [min, max]; blank → null. */
export function optionalInt(min: number, max: number) {
  const n = z.number(msg("write.err.number")).int(msg("write.err.wholeNumber")).min(min, msg("write.err.between", { min, max })).max(max, msg("write.err.between", { min, max }));
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
      .refine((s) => new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s, msg("write.err.date"))
      .optional(),
  )
  .transform((v) => v ?? null);

/** The Luhn check digit test used by Swedish organisation and personal identity numbers. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/**
 * A Swedish organisation number or personnummer: 10 digits (NNNNNN-NNNN) or 12 (with the century),
 * an optional dash, and a valid Luhn check digit over the last ten. Normalised to Fortnox's form
 * with the dash; blank → null.
 */
export const organisationNumber = z
  .preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^(\d{6}|\d{8})[-+]?\d{4}$/, { message: msg("write.err.orgnoFormat"), abort: true })
      .refine((s) => luhnValid(s.replace(/\D/g, "").slice(-10)), msg("write.err.orgnoChecksum"))
      .optional(),
  )
  .transform((v) => {
    if (v === undefined) return null;
    const d = v.replace(/\D/g, "");
    return `${d.slice(0, -4)}-${d.slice(-4)}`;
  });

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
