import "server-only";

import { and, desc, eq, inArray, sql } from "drizzle-orm";

import type { Database } from "@/lib/db/client";
import { syncRuns, type SyncRun } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";

import type { ResourceName } from "./resources/types";
import type { RecordFailure } from "./store";

/** Per-resource figures of a run, stored in `sync_runs.counts` and shown by the UI. */
export interface ResourceCounts {
  fetched: number;
  created: number;
  updated: number;
  deleted: number;
  unchanged: number;
  /** Progress: items listed plus details fetched, out of what is known to be due. */
  done: number;
  total: number;
  /** Records that could not be decoded or stored (the run goes on); the first few with why. */
  failed?: number;
  failures?: RecordFailure[];
}
export type RunCounts = Partial<Record<ResourceName, ResourceCounts>>;

export type SyncKind = "full" | "incremental" | "reconcile";
export type SyncTrigger = "schedule" | "manual" | "connect";

/** A run whose worker stopped writing its heartbeat this long ago was abandoned (killed, crashed). */
export const STALE_AFTER_MS = 60_000;

export const emptyCounts = (): ResourceCounts => ({ fetched: 0, created: 0, updated: 0, deleted: 0, unchanged: 0, done: 0, total: 0 });

/**
 * Queue a run unless the connection already has one open; returns the open run either way.
 * The partial unique index `sync_runs_one_open_per_connection` makes this race-free.
 */
export async function queueRun(db: Database, connectionId: string, kind: SyncKind, trigger: SyncTrigger, resources: ResourceName[]): Promise<{ run: SyncRun; created: boolean }> {
  const [created] = await db.insert(syncRuns).values({ connectionId, kind, trigger, resources, status: "queued" }).onConflictDoNothing().returning();
  if (created) return { run: created, created: true };
  const open = await getOpenRun(db, connectionId);
  if (!open) throw new AppError("conflict", "A sync run was just finishing; try again.");
  return { run: open, created: false };
}

export async function getOpenRun(db: Database, connectionId: string): Promise<SyncRun | null> {
  const [run] = await db.select().from(syncRuns).where(and(eq(syncRuns.connectionId, connectionId), inArray(syncRuns.status, ["queued", "running"])));
  return run ?? null;
}

/**
 * Take the connection's open run for this worker: a queued one, or a running one whose worker
 * died (stale heartbeat), which then resumes from its checkpoint. Null if another worker is alive
 * on it or nothing is open.
 */
export async function claimRun(db: Database, connectionId: string, now = new Date()): Promise<SyncRun | null> {
  const staleBefore = new Date(now.getTime() - STALE_AFTER_MS);
  const [run] = await db
    .update(syncRuns)
    .set({ status: "running", heartbeatAt: now, startedAt: sql`coalesce(${syncRuns.startedAt}, ${now})` })
    .where(
      and(
        eq(syncRuns.connectionId, connectionId),
        sql`(${syncRuns.status} = 'queued' or (${syncRuns.status} = 'running' and (${syncRuns.heartbeatAt} is null or ${syncRuns.heartbeatAt} < ${staleBefore})))`,
      ),
    )
    .returning();
  return run ?? null;
}

export interface RunProgress {
  counts: RunCounts;
  checkpoint: unknown;
  requests: number;
  rateLimited: number;
  retries: number;
}

/** Save progress and the checkpoint, and prove this worker is alive. */
export async function saveProgress(db: Database, runId: string, p: RunProgress): Promise<void> {
  await db
    .update(syncRuns)
    .set({ counts: p.counts, checkpoint: p.checkpoint, requests: p.requests, rateLimited: p.rateLimited, retries: p.retries, heartbeatAt: new Date() })
    .where(and(eq(syncRuns.id, runId), eq(syncRuns.status, "running")));
}

export async function finishRun(
  db: Database,
  runId: string,
  outcome: { status: "succeeded" | "failed" | "cancelled"; cursor?: unknown; errorCode?: string; errorMessage?: string } & RunProgress,
): Promise<SyncRun> {
  const [run] = await db
    .update(syncRuns)
    .set({
      status: outcome.status,
      counts: outcome.counts,
      checkpoint: outcome.status === "succeeded" ? null : outcome.checkpoint,
      cursor: outcome.cursor ?? null,
      requests: outcome.requests,
      rateLimited: outcome.rateLimited,
      retries: outcome.retries,
      errorCode: outcome.errorCode ?? null,
      errorMessage: outcome.errorMessage ?? null,
      finishedAt: new Date(),
    })
    .where(eq(syncRuns.id, runId))
    .returning();
  return run!;
}

/** Recent runs of a connection, newest first. */
export async function listSyncRuns(db: Database, connectionId: string, limit = 20): Promise<SyncRun[]> {
  return db.select().from(syncRuns).where(eq(syncRuns.connectionId, connectionId)).orderBy(desc(syncRuns.createdAt)).limit(limit);
}
