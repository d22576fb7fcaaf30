import "server-only";

import { and, eq, sql } from "drizzle-orm";

import type { Database } from "@/lib/db/client";
import { connections, syncCursors, syncRuns, syncSettings } from "@/lib/db/schema";

import { DEFAULT_SYNC_SETTINGS } from "./settings";

export interface DueSync {
  connectionId: string;
  kind: "incremental" | "reconcile";
}

/**
 * When a connection's next scheduled run is due: never while paused or while a run is open, at once
 * if it never ran, else one interval after the last run ended, failed or not (no hammering). The
 * scheduler and the status card both ask this, so what the card promises is what happens.
 */
export function nextRunDueAt(s: { paused: boolean; intervalMinutes: number; hasOpenRun: boolean; lastRunAt: Date | null }, now: Date): Date | null {
  if (s.paused || s.hasOpenRun) return null;
  if (s.lastRunAt === null) return now;
  return new Date(s.lastRunAt.getTime() + s.intervalMinutes * 60_000);
}

/**
 * What the scheduler should start now, from each active connection's settings: a reconcile when
 * the last full pass is older than its reconcile interval (a full listing also catches deletions),
 * else an incremental run when the last run is older than the sync interval. Open runs are not
 * the scheduler's: the run watchdog (lib/sync/watchdog.ts) revives abandoned ones.
 */
export async function listDueSyncs(db: Database, now = new Date()): Promise<DueSync[]> {
  const d = DEFAULT_SYNC_SETTINGS;
  const rows = await db
    .select({
      connectionId: connections.id,
      paused: sql<boolean>`coalesce(${syncSettings.paused}, false)`,
      intervalMinutes: sql<number>`coalesce(${syncSettings.intervalMinutes}, ${d.intervalMinutes})`,
      reconcileHours: sql<number>`coalesce(${syncSettings.reconcileIntervalHours}, ${d.reconcileIntervalHours})`,
      lastReconcileAt: sql<Date | null>`(select min(${syncCursors.lastReconcileAt}) from ${syncCursors} where ${syncCursors.connectionId} = ${connections.id})`,
      lastRunAt: sql<Date | null>`(select max(coalesce(${syncRuns.finishedAt}, ${syncRuns.createdAt})) from ${syncRuns} where ${syncRuns.connectionId} = ${connections.id})`,
      hasOpen: sql<boolean>`exists (select 1 from ${syncRuns} where ${syncRuns.connectionId} = ${connections.id} and ${syncRuns.status} in ('queued', 'running'))`,
    })
    .from(connections)
    .leftJoin(syncSettings, eq(syncSettings.connectionId, connections.id))
    .where(and(eq(connections.status, "active")));
  const due: DueSync[] = [];
  const at = (v: Date | string | null) => (v === null ? null : new Date(v).getTime());
  for (const r of rows) {
    if (r.hasOpen) continue;
    const lastRun = at(r.lastRunAt);
    const dueAt = nextRunDueAt({ paused: r.paused, intervalMinutes: Number(r.intervalMinutes), hasOpenRun: false, lastRunAt: lastRun === null ? null : new Date(lastRun) }, now);
    if (dueAt === null || dueAt > now) continue;
    const lastReconcile = at(r.lastReconcileAt);
    const reconcileDue = lastReconcile === null || now.getTime() - lastReconcile >= Number(r.reconcileHours) * 3600_000;
    due.push({ connectionId: r.connectionId, kind: reconcileDue ? "reconcile" : "incremental" });
  }
  return due;
}
