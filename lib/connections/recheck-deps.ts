import "server-only";

import type { KeyRing } from "@/lib/crypto/token-cipher";
import type { Database } from "@/lib/db/client";
import { createFortnoxClient } from "@/lib/fortnox/client";
import { decodeMe, ME_PATH } from "@/lib/fortnox/me";
import type { OAuthClient } from "@/lib/fortnox/oauth";
import type { RateLimiter } from "@/lib/fortnox/rate-limiter";
import type { TokenManager } from "@/lib/fortnox/token-manager";

import { createIdentityGrants } from "./identity-grants";
import type { RecheckDeps } from "./recheck";

export interface RecheckWiring {
  db: Database;
  keyRing: KeyRing;
  oauth: OAuthClient;
  apiUrl: string;
  clientId: string;
  /** The shared rate limiter: a member's /3/me counts against their company's budget like any call. */
  limiter: RateLimiter;
  /** The company connections' token manager. */
  connectionTokens: Pick<TokenManager, "getAccessToken" | "refreshNow">;
  fetch?: typeof fetch;
  now?: () => Date;
}

/**
 * /3/me through lib/fortnox/client.ts twice over: once with people's own grants as the token source
 * (keyed by identity id), once with the company connections' token manager.
 */
export function createRecheckDeps(w: RecheckWiring): RecheckDeps {
  const base = { apiUrl: w.apiUrl, clientId: w.clientId, limiter: w.limiter, fetch: w.fetch };
  const people = createFortnoxClient({ ...base, tokens: createIdentityGrants({ db: w.db, keyRing: w.keyRing, oauth: w.oauth, now: w.now }) });
  const companies = createFortnoxClient({ ...base, tokens: w.connectionTokens });
  return {
    db: w.db,
    now: w.now,
    meViaIdentity: (identityId, tenantId) => people.forConnection({ connectionId: identityId, tenantId }).get(ME_PATH, decodeMe),
    meViaConnection: (connectionId, tenantId) => companies.forConnection({ connectionId, tenantId }).get(ME_PATH, decodeMe),
  };
}

/** The process's wiring (env, database, shared limiter and token manager). */
export async function getRecheckDeps(): Promise<RecheckDeps> {
  const [{ getDb }, { getEnv }, { getRateLimiter }, { getTokenManager }, { fortnoxEndpoints }] = await Promise.all([
    import("@/lib/db/client"),
    import("@/lib/env"),
    import("@/lib/fortnox/api"),
    import("@/lib/fortnox/tokens"),
    import("@/lib/fortnox/provider"),
  ]);
  const env = getEnv();
  const endpoints = fortnoxEndpoints(env.fortnox);
  return createRecheckDeps({
    db: await getDb(),
    keyRing: env.tokenKeys,
    oauth: { tokenUrl: endpoints.token, revokeUrl: endpoints.revoke, clientId: env.fortnox.clientId, clientSecret: env.fortnox.clientSecret },
    apiUrl: env.fortnox.apiUrl,
    clientId: env.fortnox.clientId,
    limiter: await getRateLimiter(),
    connectionTokens: await getTokenManager(),
  });
}
