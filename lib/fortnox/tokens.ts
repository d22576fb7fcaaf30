import "server-only";

import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";

import { fortnoxEndpoints } from "./provider";
import { createTokenManager, type TokenManager } from "./token-manager";

const holder = globalThis as unknown as { __bryggaTokens?: Promise<TokenManager> };

/** The process-wide token manager (one in-flight refresh map per process). */
export function getTokenManager(): Promise<TokenManager> {
  holder.__bryggaTokens ??= (async () => {
    const env = getEnv();
    const endpoints = fortnoxEndpoints(env.fortnox);
    return createTokenManager({
      db: await getDb(),
      keyRing: env.tokenKeys,
      oauth: { tokenUrl: endpoints.token, revokeUrl: endpoints.revoke, clientId: env.fortnox.clientId, clientSecret: env.fortnox.clientSecret },
    });
  })();
  return holder.__bryggaTokens;
}
