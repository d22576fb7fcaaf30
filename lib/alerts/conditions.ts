import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";

import type { Database } from "@/lib/db/client";
import { prepared } from "@/lib/db/prepared";
import { alerts, connections, syncRuns, type Alert } from "@/lib/db/schema";

/**
 * What a company's administrators are warned about, and when each warning ends. Each kind is a
 * condition on the database, so raising and clearing are the same check: `reconcileAlerts` makes
 * the open alerts match the conditions. One open alert per kind and company (a partial unique
 * index), so two processes reconciling at once raise it once, and each change is reported once.
 */

export const ALERT_KINDS = ["needs_reconnect", "run_failed", "refresh_expiring", "consent_revoked"] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** Fortnox refresh tokens die 45 days after issue (docs/fortnox.md#tokens); warn in the last 7. */
export const REFRESH_WARNING_MS = 7 * 24 * 3600_000;

export interface AlertChange {
  event: "alert.raised" | "alert.resolved";
  alert: Alert;
}

type Wanted = Map<AlertKind, Record<string, unknown>>;

/** The database or a transaction on it. */
export type Executor = Database | Parameters<Parameters<Database["transaction"]>[0]>[0];

/*
 * Both reads run on every page an administrator loads, so they are prepared statements (lib/db/prepared.ts):
 * lookups by company, whose plan does not depend on which.
 */
const byTenant = { tenantId: sql.placeholder("tenantId") };

// The connection, and beside it the latest run that ended (cancelled ones say nothing about health).
const connectionStateQuery = (db: Database) => {
  const lastRun = db
    .select({ id: syncRuns.id, status: syncRuns.status, errorCode: syncRuns.errorCode })
    .from(syncRuns)
    .where(and(eq(syncRuns.connectionId, connections.id), inArray(syncRuns.status, ["succeeded", "failed"])))
    .orderBy(desc(syncRuns.finishedAt), desc(syncRuns.createdAt))
    .limit(1)
    .as("last_run");
  return db
    .select({
      id: connections.id,
      status: connections.status,
      serviceAccount: connections.serviceAccount,
      refreshTokenExpiresAt: connections.refreshTokenExpiresAt,
      lastErrorCode: connections.lastErrorCode,
      run: { id: lastRun.id, status: lastRun.status, errorCode: lastRun.errorCode },
    })
    .from(connections)
    .leftJoinLateral(lastRun, sql`true`)
    .where(eq(connections.tenantId, byTenant.tenantId));
};

const openAlertsQuery = (db: Database) =>
  db
    .select()
    .from(alerts)
    .where(and(eq(alerts.tenantId, byTenant.tenantId), isNull(alerts.resolvedAt)))
    .orderBy(alerts.createdAt);

/** The conditions that hold now for the tenant's connection. */
async function wantedAlerts(db: Executor, tenantId: string, now: Date): Promise<{ wanted: Wanted; connectionId: string | null; active: boolean }> {
  const wanted: Wanted = new Map();
  const [c] = await prepared(db as Database, "alert_connection_state", connectionStateQuery).execute({ tenantId });
  if (!c) return { wanted, connectionId: null, active: false };
  if (c.status === "needs_reconnect") wanted.set("needs_reconnect", { errorCode: c.lastErrorCode });
  // Service accounts have no refresh token (docs/fortnox.md#tokens): nothing expires.
  if (c.status === "active" && !c.serviceAccount && c.refreshTokenExpiresAt && c.refreshTokenExpiresAt.getTime() - now.getTime() <= REFRESH_WARNING_MS) {
    wanted.set("refresh_expiring", { expiresAt: c.refreshTokenExpiresAt.toISOString() });
  }
  if (c.run?.status === "failed") wanted.set("run_failed", { runId: c.run.id, errorCode: c.run.errorCode });
  return { wanted, connectionId: c.id, active: c.status === "active" };
}

/** The tenant's open alerts, oldest first. */
export async function openAlerts(db: Executor, tenantId: string): Promise<Alert[]> {
  return prepared(db as Database, "open_alerts", openAlertsQuery).execute({ tenantId });
}

/** Which alerts to raise (kinds whose condition holds with none open) and which open ones to resolve. */
function pendingChanges({ wanted, active }: { wanted: Wanted; active: boolean }, open: Map<string, Alert>) {
  const raise = [...wanted].filter(([kind]) => !open.has(kind));
  const resolve = [...open].filter(([kind]) => (kind === "consent_revoked" ? active : !wanted.has(kind as AlertKind))).map(([, alert]) => alert);
  return { raise, resolve };
}

/**
 * The tenant's open alerts when they already match the conditions, else null (reconcileAlerts
 * must run). Two reads and no transaction: what a page shows its administrators on every load,
 * where nearly always nothing has changed.
 */
export async function alertsInStep(db: Executor, tenantId: string, now = new Date()): Promise<Alert[] | null> {
  const [state, open] = await Promise.all([wantedAlerts(db, tenantId, now), openAlerts(db, tenantId)]);
  const { raise, resolve } = pendingChanges(state, new Map(open.map((a) => [a.kind, a])));
  return raise.length === 0 && resolve.length === 0 ? open : null;
}

/**
 * Raise the alerts whose condition holds and resolve those whose condition cleared. Returns only
 * the changes this call made (an insert or update that another process beat is not reported).
 * A revoked consent (raised by the consent webhook, lib/ops) clears once the company is connected again.
 */
export async function reconcileAlerts(db: Executor, tenantId: string, now = new Date()): Promise<AlertChange[]> {
  const state = await wantedAlerts(db, tenantId, now);
  const { raise, resolve } = pendingChanges(state, new Map((await openAlerts(db, tenantId)).map((a) => [a.kind, a])));
  const changes: AlertChange[] = [];
  for (const [kind, detail] of raise) {
    const [raised] = await db.insert(alerts).values({ tenantId, connectionId: state.connectionId, kind, detail, createdAt: now }).onConflictDoNothing().returning();
    if (raised) changes.push({ event: "alert.raised", alert: raised });
  }
  for (const alert of resolve) {
    const [resolved] = await db
      .update(alerts)
      .set({ resolvedAt: now })
      .where(and(eq(alerts.id, alert.id), isNull(alerts.resolvedAt)))
      .returning();
    if (resolved) changes.push({ event: "alert.resolved", alert: resolved });
  }
  return changes;
}
