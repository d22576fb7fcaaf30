import "server-only";

import { and, eq, inArray, sql } from "drizzle-orm";
import type { PgBoss } from "pg-boss";
import { z } from "zod";

import type { Database } from "@/lib/db/client";
import { recordAudit } from "@/lib/db/queries/audit";
import { syncRuns, type SyncRun } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";

import { sendRunJob } from "./request";
import { RESOURCE_NAMES, type ResourceName } from "./resources/types";
import { recordRunEvent } from "./run-events";
import { queueRun, type SyncKind } from "./runs";

/**
 * An administrator's hold on one run: find it (within the company only), cancel it while it is
 * open, retry it once it has failed. Callers have authorised the person for the connection (the
 * action's guard); every lookup here is also scoped by the connection, so another company's run id
 * is simply not found.
 */

/** A run id from a URL or a form: anything but a UUID is no run at all (a 404, never a database error). */
export const runIdSchema = z.uuid();

export async function findRun(db: Database, connectionId: string, runId: string): Promise<SyncRun | null> {
  if (!runIdSchema.safeParse(runId).success) return null;
  const [run] = await db
    .select()
    .from(syncRuns)
    .where(and(eq(syncRuns.id, runId), eq(syncRuns.connectionId, connectionId)));
  return run ?? null;
}

interface Who {
  connectionId: string;
  tenantId: string;
  userId: string;
  runId: string;
}

/**
 * End an open run now. The owner/epoch fence does the stopping: the status leaves `running` and the
 * epoch moves on, so the worker's next progress write (at most a second away while it works, a
 * heartbeat while it waits) or outcome is refused, which aborts its requests and ends its part
 * without writing anything (lib/sync/claim.ts). A queued run's job finds nothing to claim.
 */
export async function cancelRun(db: Database, who: Who): Promise<SyncRun> {
  return db.transaction(async (tx) => {
    const [run] = await tx
      .update(syncRuns)
      .set({ status: "cancelled", epoch: sql`${syncRuns.epoch} + 1`, owner: null, heartbeatAt: null, pace: null, finishedAt: sql`now()` })
      .where(and(eq(syncRuns.id, who.runId), eq(syncRuns.connectionId, who.connectionId), inArray(syncRuns.status, ["queued", "running"])))
      .returning();
    if (!run) throw await refusal(tx, who, "sync.run.error.notOpen");
    await recordRunEvent(tx, run.id, "cancelled", { byUserId: who.userId });
    await recordAudit(tx, { tenantId: who.tenantId, connectionId: who.connectionId, userId: who.userId, type: "sync.run_cancelled", detail: { runId: run.id, kind: run.kind } });
    return run;
  });
}

/**
 * Queue a new run like a failed one (same kind and resources) and wake a worker. It starts afresh:
 * what the failed run stored stays stored, and an incremental retry lists only what changed since
 * the last completed sync. Refused while another run is open (at most one is, per connection).
 */
export async function retryRun(db: Database, boss: PgBoss, who: Who): Promise<SyncRun> {
  const failed = await findRun(db, who.connectionId, who.runId);
  if (!failed) throw new AppError("not_found", "sync.run.error.notFound");
  if (failed.status !== "failed") throw new AppError("conflict", "sync.run.error.notFailed");
  const kind: SyncKind = failed.kind === "realtime" ? "incremental" : failed.kind;
  const resources = failed.resources.filter((r): r is ResourceName => (RESOURCE_NAMES as readonly string[]).includes(r));
  const { run, created } = await queueRun(db, who.connectionId, kind, "manual", resources, { retryOf: failed.id });
  if (!created) throw new AppError("conflict", "sync.run.error.busy");
  await db.transaction(async (tx) => {
    await recordRunEvent(tx, failed.id, "retried", { newRunId: run.id, byUserId: who.userId });
    await recordAudit(tx, { tenantId: who.tenantId, connectionId: who.connectionId, userId: who.userId, type: "sync.run_retried", detail: { runId: failed.id, newRunId: run.id } });
  });
  await sendRunJob(boss, who.connectionId);
  return run;
}

/** Why a cancel matched nothing: no such run here, or one that has already ended. */
async function refusal(tx: Pick<Database, "select">, who: Who, notOpen: string): Promise<AppError> {
  const [row] = await tx
    .select({ status: syncRuns.status })
    .from(syncRuns)
    .where(and(eq(syncRuns.id, who.runId), eq(syncRuns.connectionId, who.connectionId)));
  return row ? new AppError("conflict", notOpen) : new AppError("not_found", "sync.run.error.notFound");
}
