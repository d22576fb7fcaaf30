import "server-only";

import { AppError } from "@/lib/errors";

/**
 * Fortnox's raw failures and their mapping onto AppError codes.
 *
 * Fortnox error bodies vary (docs/fortnox.md#errors, docs/fortnox.md#api-conventions): `ErrorInformation` with
 * `Error/Message/Code` or `error/message/code`, the code sometimes a string; a bare
 * `{"message":"unauthorized"}` on 401; and an undocumented 429 body. The parser accepts all of them.
 */

// Branded like AppError (lib/errors.ts): `instanceof` must hold across Next's separate bundles.
const FORTNOX_ERROR = Symbol.for("brygga.FortnoxError");

export class FortnoxError extends Error {
  readonly [FORTNOX_ERROR] = true;
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[FORTNOX_ERROR] === true;
  }
  override name = "FortnoxError";
  constructor(
    /** HTTP status; 0 when no response arrived (network error, timeout, reset). */
    readonly status: number,
    /** Fortnox's 7-digit error code, when the body carried one. */
    readonly code: number | undefined,
    message: string,
    /** Safe to send the same idempotent request again (429, 5xx, network). */
    readonly retryable: boolean,
    readonly retryAfterMs?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const PERMISSION_CODES = new Set([
  2000663, // Har inte behörighet för scope
  2001101, // Det finns ingen aktiv licens för önskat scope
  2001103, // Api-licens saknas
  2001427, // no permission to create accruals
  2003275, // Saknar behörighet för leverantörsregister
  2003330, // no permission to list payments
]);
// Permission errors sometimes arrive as 400 with this text instead of 403 (docs/fortnox.md#scopes).
const PERMISSION_TEXT = /behörighet|licens|not authori[sz]ed for scope|permission denied/i;
const AUTH_CODES = new Set([2000310, 2000311]);

function pick(o: Record<string, unknown>, name: string): unknown {
  for (const [k, v] of Object.entries(o)) if (k.toLowerCase() === name) return v;
  return undefined;
}

function toCode(v: unknown): number | undefined {
  const n = typeof v === "number" ? v : typeof v === "string" && /^\s*\d+\s*$/.test(v) ? Number(v) : NaN;
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/** Fortnox's code and message from an error body of any known shape. */
export function parseErrorBody(body: unknown): { code: number | undefined; message: string | undefined } {
  if (!body || typeof body !== "object") return { code: undefined, message: typeof body === "string" && body.trim() ? body.trim() : undefined };
  const outer = body as Record<string, unknown>;
  const info = pick(outer, "errorinformation");
  const o = info && typeof info === "object" ? (info as Record<string, unknown>) : outer;
  const message = pick(o, "message");
  return { code: toCode(pick(o, "code")), message: typeof message === "string" && message.trim() ? message : undefined };
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** A FortnoxError from an HTTP error response (its body already read, parsed JSON or text). */
export function fortnoxErrorFromResponse(status: number, body: unknown, retryAfter: string | null = null): FortnoxError {
  const { code, message } = parseErrorBody(body);
  const retryable = status === 429 || status >= 500;
  const text = message ?? (status === 429 ? "Too Many Requests" : `Fortnox answered HTTP ${status}`);
  return new FortnoxError(status, code, text, retryable, status === 429 || status === 503 ? parseRetryAfter(retryAfter) : undefined);
}

/** A FortnoxError for a request that got no response. */
export function fortnoxNetworkError(cause: unknown): FortnoxError {
  const detail = cause instanceof Error ? (cause.cause instanceof Error ? cause.cause.message : cause.message) : String(cause);
  return new FortnoxError(0, undefined, `Fortnox could not be reached: ${detail}`, true, undefined, { cause });
}

/** True when Fortnox refused for lack of scope, licence or user permission (by code, status or text). */
export function isPermissionError(e: FortnoxError): boolean {
  if (e.status === 403) return true;
  if (e.code !== undefined && PERMISSION_CODES.has(e.code)) return true;
  return e.status >= 400 && e.status < 500 && e.status !== 429 && PERMISSION_TEXT.test(e.message);
}

/**
 * Map any failure from the Fortnox boundary onto an AppError. The client has already refreshed the
 * token once before a 401 reaches here, so a 401 means the customer must reconnect.
 */
export function toAppError(e: unknown): AppError {
  if (e instanceof AppError) return e;
  if (!(e instanceof FortnoxError)) return new AppError("internal", "Unexpected error while talking to Fortnox.", undefined, { cause: e });
  const suffix = e.code !== undefined ? ` (${e.code})` : "";
  if (e.status === 401 || (e.code !== undefined && AUTH_CODES.has(e.code))) {
    return new AppError("fortnox_reconnect_required", "Fortnox no longer accepts this connection. Reconnect it to continue.", undefined, { cause: e });
  }
  if (e.status === 429) return new AppError("fortnox_rate_limited", "Fortnox is limiting requests right now. Try again shortly.", undefined, { cause: e });
  if (e.status === 0 || e.status >= 500) return new AppError("fortnox_unavailable", "Fortnox could not be reached. Try again shortly.", undefined, { cause: e });
  if (isPermissionError(e)) return new AppError("forbidden", `Fortnox refused: ${e.message}${suffix}`, undefined, { cause: e });
  if (e.status === 404) return new AppError("not_found", `Fortnox could not find it: ${e.message}${suffix}`, undefined, { cause: e });
  if (e.status >= 400 && e.status < 500) return new AppError("fortnox_rejected", `Fortnox rejected the request: ${e.message}${suffix}`, undefined, { cause: e });
  // A 2xx/3xx that could not be decoded: our decoder and Fortnox disagree.
  return new AppError("internal", `Fortnox answered in an unexpected form: ${e.message}`, undefined, { cause: e });
}
