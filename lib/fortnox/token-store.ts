import "server-only";

import { eq } from "drizzle-orm";

import type { Database } from "@/lib/db/client";
import { connections, tenants, type Connection } from "@/lib/db/schema";
import { openToken, sealToken, type KeyRing } from "@/lib/crypto/token-cipher";

import { REFRESH_TOKEN_LIFETIME_MS } from "./provider";
import type { TokenResponse } from "./oauth";

/**
 * Encrypted token persistence, outside the login session. Ciphertexts are bound to their
 * connection id (AAD), so a copied column is useless on another row.
 */

type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];
export type Executor = Database | Tx;

export interface ConnectionTokens {
  connection: Connection;
  fortnoxTenantId: number;
  accessToken: string | null;
  refreshToken: string | null;
}

const ctx = (connectionId: string, kind: "access" | "refresh") => `${connectionId}:${kind}`;

/** Read a connection with its tokens decrypted; `forUpdate` takes the row lock that serialises refreshes. */
export async function readTokens(db: Executor, ring: KeyRing, connectionId: string, forUpdate = false): Promise<ConnectionTokens | null> {
  const base = db
    .select({ connection: connections, fortnoxTenantId: tenants.fortnoxTenantId })
    .from(connections)
    .innerJoin(tenants, eq(tenants.id, connections.tenantId))
    .where(eq(connections.id, connectionId));
  const [row] = forUpdate ? await base.for("update", { of: connections }) : await base;
  if (!row) return null;
  const c = row.connection;
  return {
    connection: c,
    fortnoxTenantId: row.fortnoxTenantId,
    accessToken: c.accessTokenEnc ? openToken(c.accessTokenEnc, ring, ctx(c.id, "access")) : null,
    refreshToken: c.refreshTokenEnc ? openToken(c.refreshTokenEnc, ring, ctx(c.id, "refresh")) : null,
  };
}

/** Column values for a fresh token response, sealed for `connectionId`. */
export function sealedTokenColumns(ring: KeyRing, connectionId: string, tokens: TokenResponse, now: Date, keepRefresh?: string | null) {
  const refresh = tokens.refresh_token ?? keepRefresh ?? null;
  return {
    accessTokenEnc: sealToken(tokens.access_token, ring, ctx(connectionId, "access")),
    refreshTokenEnc: refresh ? sealToken(refresh, ring, ctx(connectionId, "refresh")) : null,
    keyId: ring.activeId,
    accessTokenExpiresAt: new Date(now.getTime() + tokens.expires_in * 1000),
    // Only a newly issued refresh token restarts the 45-day clock.
    ...(tokens.refresh_token ? { refreshTokenExpiresAt: new Date(now.getTime() + REFRESH_TOKEN_LIFETIME_MS) } : {}),
    lastRefreshedAt: now,
    refreshFailures: 0,
    lastErrorCode: null,
    lastErrorMessage: null,
    updatedAt: now,
  };
}

export async function saveTokens(db: Executor, ring: KeyRing, connectionId: string, tokens: TokenResponse, now: Date, keepRefresh?: string | null) {
  await db.update(connections).set(sealedTokenColumns(ring, connectionId, tokens, now, keepRefresh)).where(eq(connections.id, connectionId));
}
