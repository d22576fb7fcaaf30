import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

import type { Sandbox } from "../core/context";
import { readBody, redirect, sendHtml } from "../core/http";
import type { App } from "../core/state";
import { activeUser } from "../core/users";

import { consentPage, errorPage } from "./pages";
import { fireWebhook } from "./webhooks";

/**
 * GET /oauth-v1/auth and its decision POST, as Fortnox behaves (docs/fortnox.md#oauth2): client,
 * redirect_uri and scope are checked before anyone logs in; an unregistered redirect_uri is never
 * redirected to; a locked account comes back with neither code nor state.
 */

export const CODE_TTL_MS = 10 * 60_000;

export interface AuthRequest {
  clientId: string;
  redirectUri: string | null;
  scopes: string[];
  state: string;
  service: boolean;
}

function back(res: ServerResponse, uri: string, params: Record<string, string>) {
  const url = new URL(uri);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  redirect(res, url.toString());
}

function sign(sb: Sandbox, payload: string): string {
  return createHmac("sha256", sb.formSecret).update(payload).digest("base64url");
}

/** Validate the query; on failure the response is already written and null is returned. */
function validate(sb: Sandbox, q: URLSearchParams, res: ServerResponse): { app: App; req: AuthRequest; target: string } | null {
  const app = sb.state.apps.get(q.get("client_id") ?? "");
  if (!app) {
    sendHtml(res, 400, errorPage("Auth code or ClientID supplied is invalid", "Okänt klient-id (client_id). Kontrollera appens inställningar i utvecklarportalen."));
    return null;
  }
  const redirectUri = q.get("redirect_uri");
  if (redirectUri !== null && !app.redirectUris.includes(redirectUri)) {
    sendHtml(res, 400, errorPage("Invalid redirect_uri", `redirect_uri ${redirectUri} matchar inte någon registrerad adress för appen (registered redirect URIs: ${app.redirectUris.join(", ")}).`));
    return null;
  }
  const target = redirectUri ?? app.redirectUris[0];
  if (!target) {
    sendHtml(res, 400, errorPage("Invalid redirect_uri", "Appen har ingen registrerad redirect URI."));
    return null;
  }
  const state = q.get("state") ?? "";
  if (q.get("response_type") !== "code" || !state) {
    back(res, target, { error: "invalid_request", error_description: "response_type=code and state are required", ...(state ? { state } : {}) });
    return null;
  }
  const scopes = (q.get("scope") ?? "").split(" ").filter(Boolean);
  const notEnabled = scopes.filter((s) => !app.scopes.includes(s));
  if (scopes.length === 0 || notEnabled.length > 0) {
    back(res, target, { error: "invalid_scope", error_description: scopes.length === 0 ? "No scope requested" : `Scope not enabled for the client: ${notEnabled.join(" ")}`, state });
    return null;
  }
  const service = q.get("account_type") === "service";
  if (q.get("account_type") && !service) {
    back(res, target, { error: "invalid_request", error_description: "account_type must be service", state });
    return null;
  }
  if (service && !app.serviceAccounts) {
    back(res, target, { error: "unauthorized_client", error_description: "Client does not allow service account", state });
    return null;
  }
  return { app, req: { clientId: app.clientId, redirectUri, scopes, state, service }, target };
}

export function handleAuthorize(sb: Sandbox, url: URL, res: ServerResponse): void {
  const ok = validate(sb, url.searchParams, res);
  if (!ok) return;
  const payload = Buffer.from(JSON.stringify(ok.req)).toString("base64url");
  sendHtml(res, 200, consentPage(sb, ok.app, ok.req, payload, sign(sb, payload)));
}

export async function handleDecision(sb: Sandbox, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const form = new URLSearchParams(await readBody(req));
  const payload = form.get("request") ?? "";
  const mac = Buffer.from(form.get("signature") ?? "", "base64url");
  const expected = Buffer.from(sign(sb, payload), "base64url");
  if (mac.length !== expected.length || !timingSafeEqual(mac, expected)) {
    sendHtml(res, 400, errorPage("Ogiltig begäran", "Formuläret har ändrats eller är för gammalt. Börja om från appen."));
    return;
  }
  const ar = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as AuthRequest;
  const app = sb.state.apps.get(ar.clientId);
  const target = ar.redirectUri ?? app?.redirectUris[0];
  if (!app || !target) {
    sendHtml(res, 400, errorPage("Auth code or ClientID supplied is invalid", "Appen finns inte längre."));
    return;
  }
  if (form.get("decision") !== "approve") {
    back(res, target, { error: "access_denied", error_description: "The user denied the request", state: ar.state });
    return;
  }
  const db = sb.state.databases.get(Number(form.get("tenantId")));
  // User options are "tenantId:userId". None posted (a form without the picker's script): the
  // company's first active user. One posted must be an active user of the chosen company: quietly
  // signing in someone else (the first user is the SysAdmin) would hand out rights nobody chose.
  const picked = form.get("userId") ?? "";
  const [userTenant, userId] = picked.split(":");
  const user = picked === "" ? db?.users.find((u) => activeUser(db, u.id)) : userTenant === String(db?.tenantId) ? activeUser(db, userId ?? "") : undefined;
  if (!db || !user) {
    sendHtml(res, 400, errorPage("Välj företag", "Välj ett företag och en användare."));
    return;
  }
  // Locked accounts (e.g. unpaid Fortnox bills) are sent back with neither code nor state (docs/fortnox.md#oauth2).
  if (db.locked) return redirect(res, target);
  if (ar.service && !user.sysAdmin) {
    back(res, target, { error: "access_denied", error_description: "Only a SysAdmin can approve a service account", state: ar.state });
    return;
  }
  const code = randomBytes(24).toString("base64url");
  sb.state.codes.set(code, {
    code,
    clientId: app.clientId,
    tenantId: db.tenantId,
    userId: user.id,
    scopes: ar.scopes,
    redirectUri: ar.redirectUri,
    serviceAccount: ar.service,
    expiresAt: sb.clock.now().getTime() + CODE_TTL_MS,
  });
  if (ar.service) {
    // One service account per client + tenant: a new consent replaces the old one.
    sb.state.consents.set(sb.state.consentKey(app.clientId, db.tenantId), { clientId: app.clientId, tenantId: db.tenantId, scopes: ar.scopes, userId: user.id, createdAt: sb.clock.now().toISOString() });
    fireWebhook(sb, app, "consent-created", db.tenantId);
  }
  sb.state.touch();
  back(res, target, { code, state: ar.state });
}
