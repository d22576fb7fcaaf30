import "server-only";

import { decode } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";

import { getEnv } from "@/lib/env";

import { classifyOAuthError, type FailureReason } from "./connect-flow";
import { getViewer } from "./guards";

/**
 * Looks at Fortnox's redirect before Auth.js does, because Auth.js reports every failure as one
 * generic error. Each way activation fails gets its own page instead.
 */
export async function screenFortnoxCallback(request: NextRequest): Promise<NextResponse | null> {
  if (!request.nextUrl.pathname.endsWith("/callback/fortnox")) return null;
  const q = request.nextUrl.searchParams;
  const fail = (reason: FailureReason) => NextResponse.redirect(new URL(`/connect/error?reason=${reason}`, getEnv().authUrl));

  const error = q.get("error");
  if (error) return fail(classifyOAuthError(error, q.get("error_description") ?? ""));
  // A locked Fortnox account (e.g. an unpaid bill) is sent back with neither code nor state.
  if (!q.get("code")) return fail(q.get("state") ? "unknown" : "locked");
  const expected = await expectedState(request);
  // No state cookie while signed in: the callback URL was reloaded (or revisited) after it had
  // already signed this browser in. Nothing is connected either way; take the user home.
  if (expected === null && (await getViewer())?.active) return NextResponse.redirect(new URL("/dashboard", getEnv().authUrl));
  if (expected !== undefined && expected !== q.get("state")) return fail("state_mismatch");
  return null;
}

/** The state Auth.js stored in its encrypted state cookie for this browser, if any. */
async function expectedState(request: NextRequest): Promise<string | null | undefined> {
  for (const name of ["__Secure-authjs.state", "authjs.state"]) {
    const cookie = request.cookies.get(name)?.value;
    if (!cookie) continue;
    const payload = await decode({ token: cookie, secret: getEnv().authSecret, salt: name }).catch(() => null);
    return typeof payload?.value === "string" ? payload.value : null;
  }
  // No state cookie at all (expired, or another browser): that is a mismatch too.
  return null;
}
