/**
 * Application errors: a closed set of codes, each with an HTTP status. Fortnox-specific failures
 * (FortnoxError in lib/fortnox) are mapped onto these at the boundary. Messages shown to users come
 * from the i18n dictionaries keyed by code, never from raw upstream text.
 */

export const APP_ERROR_STATUS = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  invalid_input: 422,
  conflict: 409,
  fortnox_reconnect_required: 409,
  fortnox_rate_limited: 429,
  fortnox_unavailable: 502,
  fortnox_rejected: 422,
  internal: 500,
} as const;

export type AppErrorCode = keyof typeof APP_ERROR_STATUS;

// Next bundles instrumentation, route handlers and server actions separately, so one process can
// hold several copies of this class (a worker-created singleton throws another bundle's AppError).
// A global symbol brand makes `instanceof` true for every copy.
const APP_ERROR = Symbol.for("brygga.AppError");

export class AppError extends Error {
  readonly [APP_ERROR] = true;
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[APP_ERROR] === true;
  }
  readonly status: number;
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly fields?: Record<string, string[]>,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "AppError";
    this.status = APP_ERROR_STATUS[code];
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** The JSON envelope every route handler answers errors with. */
export function errorBody(e: AppError) {
  return { error: { code: e.code, message: e.message, ...(e.fields ? { fields: e.fields } : {}) } };
}
