import "server-only";

import { AppError, errorBody, isAppError } from "@/lib/errors";
import { dictionaries } from "@/lib/i18n/dictionaries";
import { getLocale } from "@/lib/i18n/server";
import { localizeAppError } from "@/lib/i18n/app-errors";
import { logger } from "@/lib/log";

/**
 * The body of every JSON route handler: expected failures (AppError) answer with the shared
 * envelope, their own status (401 signed out, 404 unknown or another tenant's, 422 a bad
 * parameter) and a message in the caller's language; anything else is a bug, logged with its
 * stack, and answered as a bare 500 without internals.
 */
export async function respond(body: () => Promise<Response>): Promise<Response> {
  try {
    return await body();
  } catch (e) {
    const known = isAppError(e) ? e : null;
    if (!known) logger.error("route handler failed", { error: e });
    const error = known ?? new AppError("internal", "write.error.internal");
    const dict = dictionaries[await getLocale().catch(() => "sv" as const)];
    const { message, fields } = localizeAppError(error, dict);
    return Response.json(errorBody(new AppError(error.code, message, fields)), { status: error.status, headers: { "Cache-Control": "private, no-store" } });
  }
}
