import "server-only";

import { signIn } from "@/lib/auth/config";
import { rememberIntent } from "@/lib/auth/connect-flow";
import { getViewer } from "@/lib/auth/guards";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";

import { approveConsent } from "./consent";
import { field, parseField, scenarioField, tenantIdField } from "./input";
import { createDatabase, listDatabases, type SandboxDatabase } from "./sandbox";

/**
 * Sign the browser in to a sandbox company through the real flow: Auth.js builds the
 * authorisation request and sets its state cookie on this very response; the consent is approved
 * here (lib/demo/consent.ts); the browser is then sent to the callback with the code and state,
 * where Auth.js checks both as always. Returns that callback URL.
 */
async function signInTo(db: SandboxDatabase, linkUserId?: string): Promise<string> {
  const { authUrl, fortnox } = getEnv();
  await rememberIntent({ service: false, linkUserId });
  const authorize = String(await signIn("fortnox", { redirect: false, redirectTo: "/dashboard" }));
  if (new URL(authorize).origin !== new URL(fortnox.authUrl).origin) throw new AppError("internal", "demo.error.consent");
  const callback = await approveConsent(authorize, db);
  // Only ever forward the browser to our own callback (never to wherever a page said).
  if (callback.origin !== new URL(authUrl).origin || callback.pathname !== "/api/auth/callback/fortnox") throw new AppError("internal", "demo.error.consent");
  return callback.toString();
}

/**
 * "Starta demo" (no tenant: a fresh company of the scenario, `small` by default, as a new
 * session) or "Anslut" on /demo (an existing test database, added to the signed-in user if any).
 */
export async function startDemo(formData: FormData): Promise<string> {
  const tenant = field(formData, "tenantId");
  if (tenant) {
    const id = parseField(tenantIdField, tenant);
    const db = (await listDatabases()).find((d) => d.tenantId === id);
    if (!db) throw new AppError("not_found", "demo.error.notFound");
    return signInTo(db, (await getViewer())?.user.id);
  }
  const scenario = field(formData, "scenario");
  return signInTo(await createDatabase(scenario ? parseField(scenarioField, scenario) : "small"));
}
