import { and, desc, eq, inArray } from "drizzle-orm";

import type { Database } from "../client";
import { auditEvents, connections } from "../schema";

export interface ConnectionHealth {
  status: "active" | "needs_reconnect" | "disconnected";
  scopes: string[];
  serviceAccount: boolean;
  accessTokenExpiresAt: Date | null;
  refreshTokenExpiresAt: Date | null;
  lastRefreshedAt: Date | null;
  lastErrorCode: string | null;
  lastErrorMessage: string | null;
  lastScopeChange: { added: string[]; removed: string[] } | null;
}

/** Health of one connection, for the dashboard. Token columns are never selected here. */
export async function getConnectionHealth(db: Database, connectionId: string): Promise<ConnectionHealth | null> {
  const [c] = await db
    .select({
      status: connections.status,
      scopes: connections.scopes,
      serviceAccount: connections.serviceAccount,
      accessTokenExpiresAt: connections.accessTokenExpiresAt,
      refreshTokenExpiresAt: connections.refreshTokenExpiresAt,
      lastRefreshedAt: connections.lastRefreshedAt,
      lastErrorCode: connections.lastErrorCode,
      lastErrorMessage: connections.lastErrorMessage,
    })
    .from(connections)
    .where(eq(connections.id, connectionId));
  if (!c) return null;
  const [last] = await db
    .select({ type: auditEvents.type, detail: auditEvents.detail })
    .from(auditEvents)
    .where(and(eq(auditEvents.connectionId, connectionId), inArray(auditEvents.type, ["connection.connected", "connection.reconnected"])))
    .orderBy(desc(auditEvents.createdAt))
    .limit(1);
  // Only a re-connection can change scopes: a first connection's "added" is simply everything granted.
  const detail = last?.type === "connection.reconnected" ? (last.detail as { scopesAdded?: string[]; scopesRemoved?: string[] } | null) : null;
  const changed = detail && ((detail.scopesAdded?.length ?? 0) > 0 || (detail.scopesRemoved?.length ?? 0) > 0);
  return { ...c, lastScopeChange: changed ? { added: detail.scopesAdded ?? [], removed: detail.scopesRemoved ?? [] } : null };
}
