import { z } from "zod";

import { hasForbiddenCharacters } from "./text";

/*
 * Ids that arrive in URLs, hidden inputs and route segments. Each parser answers the value or null,
 * and the caller turns null into its not-found (a 404 page, a 404 JSON envelope, a not_found
 * result): a malformed id is an id that does not exist, never a 500 from the database.
 */

const uuidSchema = z.uuid();

/** A row id (connections, runs): the UUID shape, lower-cased. */
export function parseUuid(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const r = uuidSchema.safeParse(value.trim().toLowerCase());
  return r.success ? r.data : null;
}

/** A route segment as typed: decoded once; a malformed escape is kept as is rather than a 500. */
export function decodeSegment(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** The longest customer or article number Brygga looks up (Fortnox allows 50 in practice). */
export const RECORD_KEY_MAX = 50;

/** A customer or article number from a route or a form: bounded, printable, or null. */
export function parseRecordKey(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const s = decodeSegment(value).trim();
  if (s === "" || s.length > RECORD_KEY_MAX || hasForbiddenCharacters(s)) return null;
  return s;
}

/** An invoice's DocumentNumber: 1–15 digits, a safe integer (the column is a bigint), or null. */
export function parseDocumentNumber(value: unknown): number | null {
  const s = typeof value === "number" ? String(value) : typeof value === "string" ? value.trim() : "";
  if (!/^\d{1,15}$/.test(s)) return null;
  const n = Number(s);
  return n >= 1 && Number.isSafeInteger(n) ? n : null;
}
