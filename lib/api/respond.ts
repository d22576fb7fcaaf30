import "server-only";

import { AppError, errorBody, isAppError } from "@/lib/errors";
import { logger } from "@/lib/log";

/**
 * The body of every JSON route handler: expected failures (AppError) answer with the shared
 * envelope and their own status (401 signed out, 404 unknown or another tenant's); anything else
 * is a bug, logged, and answered as a bare 500 without internals.
 */
export async function respond(body: () => Promise<Response>): Promise<Response> {
  try {
    return await body();
  } catch (e) {
    if (isAppError(e)) return Response.json(errorBody(e), { status: e.status });
    logger.error("route handler failed", { error: e });
    const internal = new AppError("internal", "Something went wrong. Try again.");
    return Response.json(errorBody(internal), { status: internal.status });
  }
}
