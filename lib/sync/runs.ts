import "server-only";

import { and, desc, eq, inArray, sql } from "drizzle-orm";

import type { Database } from "@/lib/db/client";
import { syncCursors, syncRuns, type SyncRun } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";

import type { ResourceName } from "./resources/types";
import { recordRunEvent } from "./run-events";
import type { RecordFailure } from "./store";

/** Per-resource figures of a run, stored in `sync_runs.counts` and shown by the UI. */
export interface ResourceCounts {
  fetched: number;
  created: number;
  updated: number;
  deleted: number;
  unchanged: number;
  /** Listing progress: records listed, of the total Fortnox's MetaInformation gave (pages stored, exact after a resume). */
  listed: number;
  listTotal: number;
  /** Detail progress (invoices: one GET each): fetched, of those flagged as needing it when the phase began. */
  detailed: number;
  detailTotal: number;
  /** Records that could not be decoded or stored (the run goes on); the first few with why. */
  failed?: number;
  failures?: RecordFailure[];
  /** Fortnox requests made for this resource (retries included), 429s met, and retries (phase-meter.ts). */
  requests?: number;
  rateLimited?: number;
  retries?: number;
  /** Each phase the resource went through: when, and what it cost. */
  phases?: Partial<Record<RunPhase, PhaseStats>>;
}

export type RunPhase = "list" | "inactive" | "details" | "deletions";

export interface PhaseStats {
  startedAt: string;
  /** Absent while the phase runs (or when its worker stopped in it). */
  finishedAt?: string;
  requests: number;
  rateLimited: number;
  retries: number;
}
export type RunCounts = Partial<Record<ResourceName, ResourceCounts>>;

export type SyncKind = "full" | "incremental" | "reconcile";
export type SyncTrigger = "schedule" | "manual" | "connect";

export const emptyCounts = (): ResourceCounts => ({ fetched: 0, created: 0, updated: 0, deleted: 0, unchanged: 0, listed: 0, listTotal: 0, detailed: 0, detailTotal: 0 });

/**
 * Queue a run unless the connection already has one open; returns the open run either way.
 * The partial unique index `sync_runs_one_open_per_connection` makes this race-free. A connection
 * that never completed a sync gets a full one, whatever was asked: it lists everything anyway, and
 * the run list should say so.
 */
export async function queueRun(db: Database, connectionId: string, asked: SyncKind, trigger: SyncTrigger, resources: ResourceName[], o: { retryOf?: string } = {}): Promise<{ run: SyncRun; created: boolean }> {
  const kind = (await hasCompletedSync(db, connectionId)) ? asked : "full";
  const created = await db.transaction(async (tx) => {
    const [run] = await tx.insert(syncRuns).values({ connectionId, kind, trigger, resources, status: "queued" }).onConflictDoNothing().returning();
    if (run) await recordRunEvent(tx, run.id, "queued", { trigger, kind, ...(o.retryOf ? { retryOf: o.retryOf } : {}) });
    return run;
  });
  if (created) return { run: created, created: true };
  const open = await getOpenRun(db, connectionId);
  if (!open) throw new AppError("conflict", "A sync run was just finishing; try again.");
  return { run: open, created: false };
}

/** Whether any run of the connection ever completed (its cursors are written only then). */
async function hasCompletedSync(db: Database, connectionId: string): Promise<boolean> {
  const [row] = await db.select({ one: sql<number>`1` }).from(syncCursors).where(eq(syncCursors.connectionId, connectionId)).limit(1);
  return row !== undefined;
}

export async function getOpenRun(db: Database, connectionId: string): Promise<SyncRun | null> {
  const [run] = await db.select().from(syncRuns).where(and(eq(syncRuns.connectionId, connectionId), inArray(syncRuns.status, ["queued", "running"])));
  return run ?? null;
}

/** Recent runs of a connection, newest first. */
export async function listSyncRuns(db: Database, connectionId: string, limit = 20): Promise<SyncRun[]> {
  return db.select().from(syncRuns).where(eq(syncRuns.connectionId, connectionId)).orderBy(desc(syncRuns.createdAt)).limit(limit);
}
