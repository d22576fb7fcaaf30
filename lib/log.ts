import "server-only";

import { getLogLevel } from "@/lib/env";

/**
 * The one logger. Lines are JSON so they can be shipped anywhere. Every field passes through
 * `redact`, so a token, secret or Authorization header cannot reach a log line even by accident.
 */

type Level = "debug" | "info" | "warn" | "error";
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

const SECRET_KEY = /token|secret|password|authorization|cookie|code_verifier|^code$/i;
// JWTs (access tokens) and UUIDs (Fortnox refresh tokens) that might hide inside free text.
const SECRET_VALUE = /\beyJ[\w-]+\.[\w-]+\.[\w-]+|\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
const JWT_VALUE = /\beyJ[\w-]+\.[\w-]+\.[\w-]+/g;
// Fields named like ids hold our own row ids (UUIDs too), which logs need to stay useful.
const ID_KEY = /(^id|Id|_id)$/;

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6) return "[…]";
  if (typeof value === "string") return value.replace(SECRET_VALUE, "[redacted]");
  if (value instanceof Error) return redactError(value, depth);
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        SECRET_KEY.test(k) ? "[redacted]" : ID_KEY.test(k) && typeof v === "string" ? v.replace(JWT_VALUE, "[redacted]") : redact(v, depth + 1),
      ]),
    );
  }
  return value;
}

/**
 * An error as a log field: name, message, code, stack and cause chain (a bug without its stack is
 * guesswork), each redacted like any other text. Fields an error carries (a FortnoxError's status,
 * an AppError's fields) are kept; secret-named ones are hidden as everywhere.
 */
function redactError(e: Error, depth: number): Record<string, unknown> {
  const own = Object.fromEntries(Object.entries(e).filter(([k]) => k !== "cause"));
  return {
    ...(redact(own, depth + 1) as object),
    name: e.name,
    message: redact(e.message, depth + 1),
    ...("code" in e ? { code: redact(e.code, depth + 1) } : {}),
    ...(e.stack ? { stack: redact(e.stack, depth + 1) } : {}),
    ...(e.cause !== undefined ? { cause: redact(e.cause, depth + 1) } : {}),
  };
}

function levelEnabled(level: Level): boolean {
  return ORDER[level] >= ORDER[getLogLevel()];
}

function write(level: Level, message: string, fields?: Record<string, unknown>) {
  if (!levelEnabled(level)) return;
  const line = JSON.stringify({ t: new Date().toISOString(), level, msg: redact(message), ...(redact(fields ?? {}) as object) });
  (level === "error" || level === "warn" ? process.stderr : process.stdout).write(line + "\n");
}

export const logger = {
  debug: (msg: string, fields?: Record<string, unknown>) => write("debug", msg, fields),
  info: (msg: string, fields?: Record<string, unknown>) => write("info", msg, fields),
  warn: (msg: string, fields?: Record<string, unknown>) => write("warn", msg, fields),
  error: (msg: string, fields?: Record<string, unknown>) => write("error", msg, fields),
};
