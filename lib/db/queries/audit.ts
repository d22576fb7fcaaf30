import { auditEvents } from "../schema";
import type { Database } from "../client";

export type AuditType =
  | "connection.connected"
  | "connection.reconnected"
  | "connection.refresh_failed"
  | "connection.refresh_lost"
  | "connection.disconnected"
  | "connection.keepalive"
  | "membership.added"
  | "membership.removed"
  | "membership.role_changed"
  | "identity.linked"
  | "consent.revoked"
  | "fortnox.write"
  | "settings.changed"
  | "sync.run_cancelled"
  | "sync.run_retried";

/** Append an audit event. `detail` must never hold a token or secret (the token manager passes ids and codes only). */
export async function recordAudit(
  db: Pick<Database, "insert">,
  event: { tenantId: string; connectionId?: string; userId?: string | null; type: AuditType; detail?: Record<string, unknown> },
): Promise<void> {
  await db.insert(auditEvents).values({
    tenantId: event.tenantId,
    connectionId: event.connectionId,
    userId: event.userId ?? null,
    type: event.type,
    detail: event.detail ?? {},
  });
}
