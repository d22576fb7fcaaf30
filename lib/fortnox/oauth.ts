import "server-only";

import { z } from "zod";

/**
 * Calls to Fortnox's token and revoke endpoints (client_secret_basic, form bodies). Only the
 * token manager uses this; the initial code exchange is done by the NextAuth provider.
 */

export interface OAuthClient {
  tokenUrl: string;
  revokeUrl: string;
  clientId: string;
  clientSecret: string;
  fetch?: typeof fetch;
}

const tokenResponse = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).optional(),
  expires_in: z.coerce.number().int().positive().default(3600),
  scope: z.string().default(""),
  token_type: z.string(),
});
export type TokenResponse = z.infer<typeof tokenResponse>;

const errorResponse = z.object({ error: z.string(), error_description: z.string().optional() });

/** The token endpoint said no (`invalid_grant` means the grant is dead: the customer must reconnect). */
export class OAuthTokenError extends Error {
  override name = "OAuthTokenError";
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
  ) {
    super(`${error}: ${description}`);
  }
  get grantIsDead() {
    return this.error === "invalid_grant";
  }
}

function basicAuth(c: OAuthClient) {
  return `Basic ${Buffer.from(`${c.clientId}:${c.clientSecret}`).toString("base64")}`;
}

async function post(c: OAuthClient, url: string, body: Record<string, string>, headers: Record<string, string> = {}) {
  return (c.fetch ?? fetch)(url, {
    method: "POST",
    headers: { authorization: basicAuth(c), "content-type": "application/x-www-form-urlencoded", accept: "application/json", ...headers },
    body: new URLSearchParams(body).toString(),
    signal: AbortSignal.timeout(30_000),
  });
}

async function tokenRequest(c: OAuthClient, body: Record<string, string>, headers?: Record<string, string>): Promise<TokenResponse> {
  const res = await post(c, c.tokenUrl, body, headers);
  const json: unknown = await res.json().catch(() => ({}));
  if (!res.ok) {
    const err = errorResponse.safeParse(json);
    throw new OAuthTokenError(res.status, err.success ? err.data.error : `http_${res.status}`, err.success ? (err.data.error_description ?? "") : "unexpected response");
  }
  return tokenResponse.parse(json);
}

/** Rotating refresh: the returned refresh token replaces the used one, which is dead at once. */
export function refreshGrant(c: OAuthClient, refreshToken: string) {
  return tokenRequest(c, { grant_type: "refresh_token", refresh_token: refreshToken });
}

/** Service-account connections: no refresh token; a new access token per TenantId. */
export function clientCredentialsGrant(c: OAuthClient, tenantId: number) {
  return tokenRequest(c, { grant_type: "client_credentials" }, { TenantId: String(tenantId) });
}

export async function revokeRefreshToken(c: OAuthClient, refreshToken: string): Promise<void> {
  const res = await post(c, c.revokeUrl, { token_type_hint: "refresh_token", token: refreshToken });
  if (!res.ok) {
    const err = errorResponse.safeParse(await res.json().catch(() => ({})));
    throw new OAuthTokenError(res.status, err.success ? err.data.error : `http_${res.status}`, err.success ? (err.data.error_description ?? "") : "revoke failed");
  }
}
