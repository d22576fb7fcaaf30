import "server-only";

import { asc, eq, sql } from "drizzle-orm";

import type { Database } from "@/lib/db/client";
import { queryRows } from "@/lib/db/raw";
import { syncRunEvents, syncRuns } from "@/lib/db/schema";

import type { RunClaim } from "./claim";

/**
 * A run's timeline (table `sync_run_events`). Events a worker writes go through the same fence as
 * its progress: they are written only while the run is still running under the worker's owner and
 * epoch, so a worker that was taken over or cancelled cannot add to the story after the fact.
 */

export const RUN_EVENT_TYPES = ["queued", "claimed", "phase_done", "released", "succeeded", "failed", "cancelled", "retried"] as const;
export type RunEventType = (typeof RUN_EVENT_TYPES)[number];

export interface RunEventView {
  id: number;
  type: RunEventType;
  epoch: number;
  at: string;
  detail: Record<string, unknown>;
}

type Writer = Pick<Database, "insert">;

/**
 * An event written with the change that caused it (queued, cancelled, retried; a claim, an outcome
 * or a hand-back right after its own fenced update succeeded), so it needs no fence of its own.
 */
export async function recordRunEvent(db: Writer, runId: string, type: RunEventType, detail: Record<string, unknown> = {}, epoch = 0): Promise<void> {
  await db.insert(syncRunEvents).values({ runId, type, detail, epoch });
}

/**
 * A worker's event, written only while `claim` is still current; returns whether it was. The run row
 * is locked (FOR SHARE) so a cancel or takeover committing meanwhile is waited for and seen: without
 * it the event could be checked against the old row and land after the cancel in the timeline.
 */
export async function recordFencedRunEvent(db: Pick<Database, "execute">, claim: RunClaim, type: RunEventType, detail: Record<string, unknown> = {}): Promise<boolean> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`insert into ${syncRunEvents} (run_id, type, epoch, detail)
        select ${syncRuns.id}, ${type}, ${claim.epoch}, ${JSON.stringify(detail)}::jsonb from ${syncRuns}
        where ${syncRuns.id} = ${claim.runId} and ${syncRuns.owner} = ${claim.owner} and ${syncRuns.epoch} = ${claim.epoch} and ${syncRuns.status} = 'running'
        for share
        returning id`,
  );
  return rows.length > 0;
}

/** The run's events, oldest first (ids are the commit order within a run's life). */
export async function listRunEvents(db: Database, runId: string): Promise<RunEventView[]> {
  const rows = await db.select().from(syncRunEvents).where(eq(syncRunEvents.runId, runId)).orderBy(asc(syncRunEvents.id));
  return rows.map((r) => ({ id: r.id, type: r.type as RunEventType, epoch: r.epoch, at: r.at.toISOString(), detail: (r.detail ?? {}) as Record<string, unknown> }));
}
