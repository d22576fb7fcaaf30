/**
 * Connect a Fortnox sandbox company into a test database exactly as the portal's callback does:
 * consent page → code → token exchange → identity → onboarding. Tests play NextAuth's part here.
 */
import type { KeyRing } from "@/lib/crypto/token-cipher";
import type { Database } from "@/lib/db/client";
import { onboardConnection } from "@/lib/connections/onboard";
import { fetchIdentity } from "@/lib/fortnox/identity";
import { revokeRefreshToken, type OAuthClient, type TokenResponse } from "@/lib/fortnox/oauth";
import { createRateLimiter, type RateLimiter } from "@/lib/fortnox/rate-limiter";

import { consent, type SandboxApp, type SandboxProcess } from "./sandbox";

export const TEST_REDIRECT = "http://localhost:3999/api/auth/callback/fortnox";
export const TEST_SCOPES = "companyinformation profile customer article invoice settings";
export const testKeyRing = (): KeyRing => ({ activeId: "t1", keys: new Map([["t1", Buffer.alloc(32, 9)]]) });

export const sandboxOAuth = (sb: SandboxProcess, app: SandboxApp): OAuthClient => ({
  tokenUrl: `${sb.url}/oauth-v1/token`,
  revokeUrl: `${sb.url}/oauth-v1/revoke`,
  clientId: app.clientId,
  clientSecret: app.clientSecret,
});

export async function registerTestApp(sb: SandboxProcess, extra: Record<string, unknown> = {}): Promise<SandboxApp> {
  return sb.control<SandboxApp>("POST", "/apps", { name: "Brygga test", redirectUris: [TEST_REDIRECT], scopes: TEST_SCOPES.split(" "), serviceAccounts: true, ...extra });
}

export async function exchangeCode(sb: SandboxProcess, app: SandboxApp, code: string): Promise<TokenResponse> {
  const res = await fetch(`${sb.url}/oauth-v1/token`, {
    method: "POST",
    headers: { authorization: `Basic ${Buffer.from(`${app.clientId}:${app.clientSecret}`).toString("base64")}`, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "authorization_code", code, redirect_uri: TEST_REDIRECT }).toString(),
  });
  if (!res.ok) throw new Error(`token exchange failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as TokenResponse;
}

export async function sandboxNow(sb: SandboxProcess): Promise<Date> {
  const clock = await sb.control<{ now: string }>("GET", "/clock");
  return new Date(clock.now);
}

export async function connectTestCompany(
  sb: SandboxProcess,
  app: SandboxApp,
  db: Database,
  ring: KeyRing,
  tenantId: number,
  opts: {
    service?: boolean;
    userId?: string;
    linkUserId?: string;
    /** Identity calls go through it (default: Fortnox's window on `db`). */
    limiter?: RateLimiter;
  } = {},
) {
  const params: Record<string, string> = { client_id: app.clientId, redirect_uri: TEST_REDIRECT, scope: TEST_SCOPES, state: "test-state", access_type: "offline", response_type: "code" };
  if (opts.service) params.account_type = "service";
  const back = await consent(sb.url, params, { tenantId, userId: opts.userId });
  const code = back.searchParams.get("code");
  if (!code) throw new Error(`consent gave no code: ${back.toString()}`);
  const tokens = await exchangeCode(sb, app, code);
  const identity = await fetchIdentity({ authUrl: sb.url, apiUrl: sb.url }, tokens.access_token, tokens.scope.split(" "), {
    limiter: opts.limiter ?? createRateLimiter(db),
    clientId: app.clientId,
  });
  const result = await onboardConnection(db, ring, {
    identity,
    tokens,
    serviceAccount: opts.service ?? false,
    environment: "test",
    linkUserId: opts.linkUserId,
    revokeRefreshToken: (token) => revokeRefreshToken(sandboxOAuth(sb, app), token),
    now: await sandboxNow(sb),
  });
  return { ...result, tokens, identity };
}
