import { isAppError, type AppErrorCode } from "@/lib/errors";
import { logger } from "@/lib/log";

export type ActionResult<T = unknown> =
  | { ok: true; data: T }
  | { ok: false; code: AppErrorCode; message: string; fields?: Record<string, string[]> };

/**
 * Every server action's body runs through here: expected failures (AppError) come back as a
 * result the form can show; anything else is a bug, logged and reported without internals.
 */
export async function runAction<T>(body: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await body() };
  } catch (e) {
    if (isAppError(e)) return { ok: false, code: e.code, message: e.message, fields: e.fields };
    logger.error("server action failed", { error: e });
    return { ok: false, code: "internal", message: "Something went wrong. Try again." };
  }
}
