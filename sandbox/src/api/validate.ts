import { FortnoxCodes, FortnoxApiError } from "../core/errors";
import type { Wire } from "../core/types";

import { NESTED_READONLY, type FieldSpec, type FieldTable } from "./fields";

/**
 * Body checks shared by every write: the `{"Customer": {...}}` wrapper (else 2001392), field names
 * (2001399), JSON types (2000108 numeric, 2000134 boolean, 2000106 text) and the spec's value
 * constraints. Numbers may arrive as numeric strings ("100"), which Fortnox accepts.
 *
 * null or "" on a field the spec gives a minimum length or a date format means "unset": the key
 * is returned as `undefined` and `applyPatch` removes it, since "" would break the spec's schema.
 */

/** Code for a value outside the spec's constraints (length, enum, range, date). Fortnox's exact code is unknown; 2000359 is its "value not allowed" family. */
export const INVALID_VALUE_CODE = 2000359;

const withField = (kind: "mustBeNumeric" | "mustBeBoolean", field: string) => {
  const def = FortnoxCodes[kind];
  // Fortnox's text is "Värdet måste vara numeriskt ({Value})"; naming the field helps more than echoing the value.
  return new FortnoxApiError(def.status, def.code, `${def.message} (${field})`);
};
const notText = (field: string) => new FortnoxApiError(400, 2000106, `Värdet måste vara alfanumeriskt (${field})`);
export const invalidValue = (field: string, detail: string) => new FortnoxApiError(400, INVALID_VALUE_CODE, `Värdet för ${field} är ogiltigt: ${detail}`);
const badData = () => new FortnoxApiError(400, FortnoxCodes.emptyBody.code, FortnoxCodes.emptyBody.message);

/** A required field is missing. 2000729 is Fortnox's "no valid identifier"; the message names the field. */
export function missingField(field: string): FortnoxApiError {
  return new FortnoxApiError(400, 2000729, `${field} är obligatoriskt / ${field} is required`);
}

const isObject = (v: unknown): v is Wire => typeof v === "object" && v !== null && !Array.isArray(v);

export function unwrap(body: unknown, wrapper: string): Wire {
  const inner = isObject(body) ? body[wrapper] : undefined;
  if (!isObject(inner)) throw badData();
  return inner;
}

function validDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

function cleanString(field: string, spec: Extract<FieldSpec, { t: "string" }>, value: unknown): string | undefined {
  if (typeof value !== "string" && typeof value !== "number") throw notText(field);
  const s = String(value);
  if (s === "" && ((spec.min ?? 0) > 0 || spec.date)) return undefined;
  if (spec.max !== undefined && s.length > spec.max) throw invalidValue(field, `högst ${spec.max} tecken`);
  if (spec.min !== undefined && s.length < spec.min) throw invalidValue(field, `minst ${spec.min} tecken`);
  if (spec.values && !spec.values.includes(s)) throw invalidValue(field, `tillåtna värden ${spec.values.join(", ")}`);
  if (spec.date && !validDate(s)) throw invalidValue(field, "datum ska skrivas YYYY-MM-DD");
  if (spec.numeric && (s.trim() === "" || !Number.isFinite(Number(s)))) throw withField("mustBeNumeric", field);
  return s;
}

function cleanNumber(field: string, spec: Extract<FieldSpec, { t: "number" }>, value: unknown): number {
  const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  if (typeof n !== "number" || !Number.isFinite(n)) throw withField("mustBeNumeric", field);
  if (spec.int && !Number.isInteger(n)) throw withField("mustBeNumeric", field);
  if ((spec.min !== undefined && n < spec.min) || (spec.max !== undefined && n > spec.max)) {
    throw invalidValue(field, `ska vara mellan ${spec.min ?? "-∞"} och ${spec.max ?? "∞"}`);
  }
  return n;
}

/** The "unset" value for a null: empty text, zero, false, or undefined (removed) where those would be invalid. */
function cleared(spec: FieldSpec): unknown {
  switch (spec.t) {
    case "string":
      return (spec.min ?? 0) > 0 || spec.date || spec.values ? undefined : "";
    case "number":
      return spec.min !== undefined && spec.min > 0 ? undefined : 0;
    case "boolean":
      return false;
    case "object":
      return {};
    case "array":
      return [];
  }
}

function cleanValue(field: string, spec: FieldSpec, value: unknown): unknown {
  if (value === null) return cleared(spec);
  switch (spec.t) {
    case "string":
      return cleanString(field, spec, value);
    case "number":
      return cleanNumber(field, spec, value);
    case "boolean":
      if (typeof value !== "boolean") throw withField("mustBeBoolean", field);
      return value;
    case "object":
      if (!isObject(value)) throw badData();
      return cleanFields(value, spec.fields, new Set());
    case "array":
      if (!Array.isArray(value)) throw badData();
      return value.map((item) => {
        if (!isObject(item)) throw badData();
        return cleanFields(item, spec.of, NESTED_READONLY.get(spec.of) ?? new Set());
      });
  }
}

/** Checks every field of a request object; read-only fields are dropped, as Fortnox ignores them. */
export function cleanFields(input: Wire, fields: FieldTable, readOnly: ReadonlySet<string>): Wire {
  const out: Wire = {};
  for (const [key, value] of Object.entries(input)) {
    if (readOnly.has(key)) continue;
    const spec = fields[key];
    // Fortnox's text does not name the field; the sandbox keeps the exact wording clients match on.
    if (!spec) throw new FortnoxApiError(400, FortnoxCodes.unknownField.code, FortnoxCodes.unknownField.message);
    out[key] = cleanValue(key, spec, value);
  }
  return out;
}

/**
 * PUT semantics: given fields replace stored ones, `undefined` (an unset) removes the key, the rest
 * stays. Sub-objects (EmailInformation, DefaultDeliveryTypes…) are patched the same way, one level down.
 */
export function applyPatch(target: Wire, patch: Wire): Wire {
  const out: Wire = { ...target };
  for (const [key, value] of Object.entries(patch)) {
    const current = out[key];
    if (value === undefined) delete out[key];
    else if (isObject(value) && isObject(current)) out[key] = applyPatch(current, value);
    else out[key] = value;
  }
  return out;
}

/** A text value for a required field, or null when it is missing or blank. */
export function presentText(value: unknown): string | null {
  return typeof value === "string" && value.trim() !== "" ? value : null;
}
