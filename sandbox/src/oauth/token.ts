import type { IncomingMessage, ServerResponse } from "node:http";

import type { Sandbox } from "../core/context";
import { OAuthError } from "../core/errors";
import { readBody, sendJson } from "../core/http";
import type { App } from "../core/state";
import { activeUser } from "../core/users";

import { ACCESS_TOKEN_TTL_S, issueAccessToken } from "./jwt";
import { fireWebhook } from "./webhooks";

/**
 * POST /oauth-v1/token and /oauth-v1/revoke (docs/fortnox.md#oauth2–1.7): Basic client auth, form
 * bodies, single-use 10-minute codes bound to their redirect_uri, rotating single-use refresh
 * tokens that live 45 days, and client_credentials for service-account consents.
 */

export const REFRESH_TTL_MS = 45 * 24 * 3600_000;

function authenticate(sb: Sandbox, req: IncomingMessage): App {
  const header = req.headers.authorization ?? "";
  const [scheme, encoded] = header.split(" ");
  if (scheme?.toLowerCase() !== "basic" || !encoded) throw new OAuthError(401, "invalid_client", "Client authentication failed: use HTTP Basic with client id and secret");
  const decoded = Buffer.from(encoded, "base64").toString("utf8");
  const sep = decoded.indexOf(":");
  const app = sb.state.apps.get(decoded.slice(0, sep));
  if (!app || sep < 0 || app.clientSecret !== decoded.slice(sep + 1)) throw new OAuthError(401, "invalid_client", "Client authentication failed");
  return app;
}

async function form(req: IncomingMessage): Promise<URLSearchParams> {
  const type = req.headers["content-type"] ?? "";
  if (!type.startsWith("application/x-www-form-urlencoded")) throw new OAuthError(400, "invalid_request", "Content-Type must be application/x-www-form-urlencoded");
  return new URLSearchParams(await readBody(req));
}

async function grantResponse(sb: Sandbox, app: App, tenantId: number, userId: string, scopes: string[], service: boolean, withRefresh: boolean) {
  const now = sb.clock.now();
  const access = await issueAccessToken(sb.jwtSecret, { clientId: app.clientId, tenantId, scopes, userId, serviceAccount: service }, now);
  const refresh = withRefresh ? sb.state.issueRefreshToken({ clientId: app.clientId, tenantId, userId, scopes, expiresAt: now.getTime() + REFRESH_TTL_MS }) : undefined;
  return { access_token: access, ...(refresh ? { refresh_token: refresh } : {}), scope: scopes.join(" "), expires_in: ACCESS_TOKEN_TTL_S, token_type: "bearer" };
}

async function token(sb: Sandbox, req: IncomingMessage) {
  const app = authenticate(sb, req);
  const body = await form(req);
  const now = sb.clock.now().getTime();
  switch (body.get("grant_type")) {
    case "authorization_code": {
      const code = sb.state.codes.get(body.get("code") ?? "");
      // Codes are single use: gone on first presentation, whether or not the rest checks out.
      if (code) sb.state.codes.delete(code.code);
      if (!code || code.clientId !== app.clientId || code.expiresAt < now) {
        throw new OAuthError(400, "invalid_grant", "Authorization code doesn't exist or is invalid for the client");
      }
      if (code.redirectUri !== null && body.get("redirect_uri") !== code.redirectUri) {
        throw new OAuthError(400, "invalid_grant", "The redirect URI is missing or do not match");
      }
      if (!activeUser(sb.state.databases.get(code.tenantId), code.userId)) throw new OAuthError(400, "invalid_grant", "The user is no longer active in the company");
      // Service-account codes still yield a refresh token here; the app may then switch to client_credentials.
      return grantResponse(sb, app, code.tenantId, code.userId, code.scopes, code.serviceAccount, true);
    }
    case "refresh_token": {
      const grant = sb.state.refreshTokens.get(body.get("refresh_token") ?? "");
      if (grant) sb.state.refreshTokens.delete(grant.token);
      sb.state.touch();
      if (!grant || grant.clientId !== app.clientId || grant.expiresAt < now) throw new OAuthError(400, "invalid_grant", "Invalid refresh token");
      // A user removed or deactivated in the company loses every grant issued to them.
      if (!activeUser(sb.state.databases.get(grant.tenantId), grant.userId)) throw new OAuthError(400, "invalid_grant", "Invalid refresh token");
      return grantResponse(sb, app, grant.tenantId, grant.userId, grant.scopes, false, true);
    }
    case "client_credentials": {
      const tenantId = Number(req.headers.tenantid);
      if (!Number.isInteger(tenantId) || tenantId <= 0) throw new OAuthError(400, "invalid_request", "The TenantId header is required for client_credentials");
      const consent = sb.state.consents.get(sb.state.consentKey(app.clientId, tenantId));
      if (!consent) throw new OAuthError(400, "invalid_grant", "No service account consent for this client and tenant");
      return grantResponse(sb, app, tenantId, consent.userId, consent.scopes, true, false);
    }
    default:
      throw new OAuthError(400, "unsupported_grant_type", "grant_type must be authorization_code, refresh_token or client_credentials");
  }
}

async function revoke(sb: Sandbox, req: IncomingMessage) {
  const app = authenticate(sb, req);
  const body = await form(req);
  const grant = sb.state.refreshTokens.get(body.get("token") ?? "");
  if (grant && grant.clientId === app.clientId) {
    sb.state.refreshTokens.delete(grant.token);
    const key = sb.state.consentKey(app.clientId, grant.tenantId);
    if (sb.state.consents.delete(key)) fireWebhook(sb, app, "consent-revoked", grant.tenantId);
    sb.state.touch();
  }
  // As OAuth's revocation spec asks: an unknown token is not an error.
  return { revoked: true };
}

export async function handleToken(sb: Sandbox, req: IncomingMessage, res: ServerResponse, kind: "token" | "revoke"): Promise<void> {
  // Test-mode fault: a slow token endpoint, applied before the grant is processed.
  if (kind === "token" && sb.faults.tokenLatencyMs > 0) await new Promise((r) => setTimeout(r, sb.faults.tokenLatencyMs));
  try {
    sendJson(res, 200, kind === "token" ? await token(sb, req) : await revoke(sb, req), { "cache-control": "no-store" });
  } catch (e) {
    if (e instanceof OAuthError) sendJson(res, e.status, { error: e.error, error_description: e.description });
    else sendJson(res, 500, { error: "server_error", error_description: "Unexpected error" });
  }
}
