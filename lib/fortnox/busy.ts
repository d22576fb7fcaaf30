import { AppError } from "@/lib/errors";
import { msg } from "@/lib/forms/message-ref";

/**
 * Fortnox's budget for the company is spent (by another app of the same company, or a 429 pause)
 * for longer than the person's request can wait. The message is a translatable reference
 * (`fortnox.busy`, lib/i18n/messages/fortnox.ts) naming the seconds to wait; route handlers can
 * send `retryAfterSeconds` as Retry-After.
 */

// Own brand: AppError's `instanceof` is true for every AppError, so this class needs its own check.
const BUSY = Symbol.for("brygga.FortnoxBusyError");

export class FortnoxBusyError extends AppError {
  readonly [BUSY] = true;
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[BUSY] === true;
  }
  readonly retryAfterSeconds: number;
  constructor(retryAfterMs: number, options?: { cause?: unknown }) {
    const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
    super("fortnox_rate_limited", msg("fortnox.busy", { seconds }), undefined, options);
    this.name = "FortnoxBusyError";
    this.retryAfterSeconds = seconds;
  }
}

/** How long a person's request may wait for Fortnox's budget before it is told to try again. */
export const INTERACTIVE_PATIENCE_MS = 8000;
