import "server-only";

import { z } from "zod";

import { cleanJson } from "@/lib/input/text";

/*
 * Tolerant field decoders for Fortnox's drifting payload types (docs/fortnox.md#api-conventions): numbers sent as strings, dates sent as "" or null, keys that are sometimes ints and sometimes
 * strings, booleans that may arrive as "true". Each decoder accepts every variant seen and yields one
 * type, with null for "no value". An absent key decodes like null, since list items are subsets.
 */

type Ctx = z.core.$RefinementCtx;
const loose = z.union([z.string(), z.number(), z.boolean(), z.null()]).optional();

function fail(ctx: Ctx, message: string): never {
  ctx.addIssue({ code: "custom", message });
  return z.NEVER;
}

function toNumber(v: z.infer<typeof loose>, ctx: Ctx): number | null {
  if (v === undefined || v === null) return null;
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return fail(ctx, `expected a number, got ${v}`);
  const s = v.trim();
  if (s === "") return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : fail(ctx, `expected a number, got "${v}"`);
}

/** A number, possibly sent as a string; "" and null become null. */
export const num = loose.transform(toNumber);

/** An integer, possibly sent as a string; "" and null become null. */
export const int = loose.transform((v, ctx) => {
  const n = toNumber(v, ctx);
  return n === null || Number.isInteger(n) ? n : fail(ctx, `expected an integer, got ${n}`);
});

/** Free text; numbers are stringified (SalesAccount drifts), "" and null become null. */
export const text = loose.transform((v, ctx) => {
  if (v === undefined || v === null) return null;
  if (typeof v === "boolean") return fail(ctx, `expected text, got ${v}`);
  const s = String(v);
  return s === "" ? null : s;
});

/** A record's key (CustomerNumber, ArticleNumber): a non-empty string, even when sent as a number. */
export const key = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const s = String(v).trim();
  return s === "" ? fail(ctx, "expected a non-empty identifier") : s;
});

/** DocumentNumber-style numeric keys, sometimes ints and sometimes strings. */
export const numericKey = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const n = typeof v === "number" ? v : Number(v.trim() === "" ? NaN : v);
  return Number.isSafeInteger(n) && n >= 0 ? n : fail(ctx, `expected a document number, got "${v}"`);
});

/** A calendar date `YYYY-MM-DD` (a date-time is cut to its date); "" and null become null. */
export const date = loose.transform((v, ctx) => {
  if (v === undefined || v === null || v === "") return null;
  const m = typeof v === "string" ? /^(\d{4}-\d{2}-\d{2})(?:[ T].*)?$/.exec(v.trim()) : null;
  return m ? m[1]! : fail(ctx, `expected a date YYYY-MM-DD, got "${String(v)}"`);
});

/** A boolean, possibly sent as "true"/"false" or 1/0; "" and null become null. */
export const bool = loose.transform((v, ctx) => {
  if (v === undefined || v === null || v === "") return null;
  if (typeof v === "boolean") return v;
  const s = String(v).trim().toLowerCase();
  if (s === "true" || s === "1") return true;
  if (s === "false" || s === "0") return false;
  return fail(ctx, `expected a boolean, got "${String(v)}"`);
});

/** List envelope metadata. Values are documented as integers; tolerate strings all the same. */
export const metaInformation = z.looseObject({
  "@TotalResources": int,
  "@TotalPages": int,
  "@CurrentPage": int,
});

export interface PageInfo {
  totalResources: number | null;
  totalPages: number | null;
  currentPage: number | null;
}

export function toPageInfo(meta: z.infer<typeof metaInformation> | undefined): PageInfo {
  return { totalResources: meta?.["@TotalResources"] ?? null, totalPages: meta?.["@TotalPages"] ?? null, currentPage: meta?.["@CurrentPage"] ?? null };
}

/** The raw JSON object a record was decoded from, kept verbatim for the `raw` column. */
export type RawRecord = Record<string, unknown>;

/** A decoder: Fortnox JSON in, a camelCase domain value out (keeping the raw object). */
export interface Decoder<T> {
  (input: unknown): T;
}

/**
 * Decode one record with a loose schema (unknown fields pass through) and map it to the domain;
 * the mapper gets the input as `raw`. Fortnox stores text PostgreSQL cannot (a name with U+0000),
 * so strings are made storable first, in the fields and in `raw` alike (lib/input/text.ts): every
 * path that stores a record (sync, real-time, write-back answers) stores it the same way.
 */
export function decoder<S extends z.ZodType, T>(schema: S, map: (wire: z.output<S>, raw: RawRecord) => T): Decoder<T> {
  return (input) => {
    const clean = cleanJson(input);
    return map(schema.parse(clean), clean as RawRecord);
  };
}
