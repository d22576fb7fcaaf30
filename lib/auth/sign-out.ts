import "server-only";

import { getDb } from "@/lib/db/client";

import { revokeSession } from "./server-sessions";
import { readSessionId } from "./session";

/**
 * End the request's server-side session. Auth.js's sign-out only clears the browser's cookie (and
 * our signOut event revokes too); revoking here first means a sign-out never depends on the cookie
 * reaching Auth.js intact.
 */
export async function endCurrentSession(): Promise<void> {
  const sid = await readSessionId();
  if (sid) await revokeSession(await getDb(), sid, "sign_out");
}
