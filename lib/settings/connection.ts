import { eq } from "drizzle-orm";

import type { Database } from "@/lib/db/client";
import { connections, users, type ConnectionStatus } from "@/lib/db/schema";
import { REFRESH_TOKEN_LIFETIME_MS } from "@/lib/fortnox/provider";

/**
 * What the connection page shows about the company's Fortnox grant: status, scopes granted against
 * requested, the kind of account, and the tokens' ages and horizons. Only columns safe for the
 * browser are selected: the sealed tokens never leave the database here, only their dates.
 */

const DAY_MS = 24 * 3600_000;

export interface ConnectionOverview {
  connectionId: string;
  status: ConnectionStatus;
  serviceAccount: boolean;
  connectedBy: string | null;
  connectedAt: Date;
  scopes: { granted: string[]; requested: string[]; missing: string[]; extra: string[] };
  accessToken: { expiresAt: Date; ageMinutes: number; expired: boolean } | null;
  /** Fortnox refresh tokens live 45 days from issue (docs/fortnox.md#tokens); null for service accounts. */
  refreshToken: { issuedAt: Date; expiresAt: Date; ageDays: number; daysLeft: number } | null;
  lastRefreshedAt: Date | null;
  lastError: { code: string; message: string | null } | null;
}

export async function getConnectionOverview(db: Database, tenantId: string, requestedScopes: readonly string[], now = new Date()): Promise<ConnectionOverview | null> {
  const [c] = await db
    .select({
      id: connections.id,
      status: connections.status,
      serviceAccount: connections.serviceAccount,
      scopes: connections.scopes,
      accessTokenExpiresAt: connections.accessTokenExpiresAt,
      refreshTokenExpiresAt: connections.refreshTokenExpiresAt,
      lastRefreshedAt: connections.lastRefreshedAt,
      lastErrorCode: connections.lastErrorCode,
      lastErrorMessage: connections.lastErrorMessage,
      createdAt: connections.createdAt,
      byName: users.name,
      byEmail: users.email,
    })
    .from(connections)
    .leftJoin(users, eq(users.id, connections.connectedByUserId))
    .where(eq(connections.tenantId, tenantId));
  if (!c) return null;
  const granted = [...c.scopes].sort();
  const requested = [...requestedScopes].sort();
  // An access token's lifetime is Fortnox's `expires_in`, one hour (docs/fortnox.md#tokens).
  const accessIssued = c.accessTokenExpiresAt ? c.accessTokenExpiresAt.getTime() - 3600_000 : null;
  const refreshIssued = c.refreshTokenExpiresAt ? c.refreshTokenExpiresAt.getTime() - REFRESH_TOKEN_LIFETIME_MS : null;
  return {
    connectionId: c.id,
    status: c.status,
    serviceAccount: c.serviceAccount,
    connectedBy: c.byName || c.byEmail || null,
    connectedAt: c.createdAt,
    scopes: { granted, requested, missing: requested.filter((s) => !granted.includes(s)), extra: granted.filter((s) => !requested.includes(s)) },
    accessToken:
      c.accessTokenExpiresAt && accessIssued !== null
        ? { expiresAt: c.accessTokenExpiresAt, ageMinutes: Math.max(0, Math.floor((now.getTime() - accessIssued) / 60_000)), expired: c.accessTokenExpiresAt <= now }
        : null,
    refreshToken:
      c.refreshTokenExpiresAt && refreshIssued !== null
        ? {
            issuedAt: new Date(refreshIssued),
            expiresAt: c.refreshTokenExpiresAt,
            ageDays: Math.max(0, Math.floor((now.getTime() - refreshIssued) / DAY_MS)),
            daysLeft: Math.max(0, Math.floor((c.refreshTokenExpiresAt.getTime() - now.getTime()) / DAY_MS)),
          }
        : null,
    lastRefreshedAt: c.lastRefreshedAt,
    lastError: c.lastErrorCode ? { code: c.lastErrorCode, message: c.lastErrorMessage } : null,
  };
}
