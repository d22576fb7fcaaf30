import "server-only";

import { randomBytes } from "node:crypto";
import { hostname } from "node:os";

import { and, eq, sql, type SQL } from "drizzle-orm";

import type { Database } from "@/lib/db/client";
import { syncRuns, type SyncRun } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";

import { recordRunEvent } from "./run-events";
import type { RunCounts } from "./runs";

/*
 * Who works a run. A claim names the worker (owner) and carries a fencing token (epoch) that every
 * claim increments. Heartbeats renew it; a run whose heartbeat is older than the stale threshold was
 * abandoned and any worker takes it over, which bumps the epoch. Every later write is conditional on
 * owner and epoch still being the writer's own, so a worker that was taken over (killed, frozen,
 * cut off from the database) can never write its late progress, checkpoint or outcome over the new
 * owner's. Times are the database's clock, so workers on machines with skewed clocks agree.
 */

/** A run whose heartbeat is this old was abandoned: its worker died, froze or lost the database. */
export const STALE_AFTER_MS = 60_000;
/** How often a live worker renews its claim; six beats fit in the stale threshold. */
export const HEARTBEAT_MS = 10_000;

export interface RunClaim {
  runId: string;
  owner: string;
  epoch: number;
}

/** A write refused because another worker has claimed the run since: this worker must stop. */
export class ClaimLostError extends AppError {
  constructor(claim: RunClaim) {
    super("conflict", `Sync run ${claim.runId} was taken over by another worker (epoch ${claim.epoch} is no longer current).`);
    this.name = "ClaimLostError";
  }
}

export const isClaimLost = (e: unknown): e is ClaimLostError => e instanceof Error && e.name === "ClaimLostError";

const holder = globalThis as unknown as { __bryggaWorkerId?: string };

/** This process's worker id: host, pid and a random part (a pid is reused after a restart). */
export function processOwner(): string {
  return (holder.__bryggaWorkerId ??= `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`);
}

export interface ClaimOptions {
  owner: string;
  staleAfterMs?: number;
  /**
   * The database admits one process at a time (PGlite's directory lock), so a run held by any other
   * owner belongs to a previous, now dead process of this data directory: take it over at once.
   */
  exclusive?: boolean;
}

/** Runs another worker may take: queued, or running with a stale heartbeat (or a dead owner, when exclusive). */
function claimable(o: ClaimOptions): SQL {
  const stale = sql`${syncRuns.heartbeatAt} < now() - (${o.staleAfterMs ?? STALE_AFTER_MS})::int * interval '1 millisecond'`;
  const foreign = o.exclusive ? sql` or ${syncRuns.owner} is distinct from ${o.owner}` : sql``;
  return sql`(${syncRuns.status} = 'queued' or (${syncRuns.status} = 'running' and (${syncRuns.heartbeatAt} is null or ${stale}${foreign})))`;
}

/**
 * Take the connection's open run: a queued one, or an abandoned one, which then resumes from its
 * checkpoint under a new epoch. Null when nothing is open or a live worker holds it. Two workers
 * claiming at once serialise on the row; the second sees a fresh heartbeat and gets nothing.
 */
export async function claimRun(db: Database, connectionId: string, o: ClaimOptions): Promise<{ run: SyncRun; claim: RunClaim } | null> {
  const [run] = await db
    .update(syncRuns)
    .set({ status: "running", owner: o.owner, epoch: sql`${syncRuns.epoch} + 1`, heartbeatAt: sql`now()`, startedAt: sql`coalesce(${syncRuns.startedAt}, now())` })
    .where(and(eq(syncRuns.connectionId, connectionId), claimable(o)))
    .returning();
  if (!run) return null;
  // Epoch 1 starts the run; a later one resumes it from its checkpoint (handed back, or taken over).
  await recordRunEvent(db, run.id, "claimed", { owner: o.owner, resumed: run.epoch > 1 }, run.epoch);
  return { run, claim: { runId: run.id, owner: o.owner, epoch: run.epoch } };
}

/** Connections whose open run no live worker holds: the watchdog queues a job for each. */
export async function listClaimableRuns(db: Database, o: ClaimOptions, queuedForMs = 5_000): Promise<string[]> {
  const rows = await db
    .select({ connectionId: syncRuns.connectionId })
    .from(syncRuns)
    .where(
      // A queued run normally has its job already; one queued a while ago lost it (the process died
      // between recording the run and queueing the job).
      sql`(${claimable({ ...o })} and not (${syncRuns.status} = 'queued' and ${syncRuns.createdAt} > now() - (${queuedForMs})::int * interval '1 millisecond'))`,
    );
  return rows.map((r) => r.connectionId);
}

const mine = (c: RunClaim) => and(eq(syncRuns.id, c.runId), eq(syncRuns.owner, c.owner), eq(syncRuns.epoch, c.epoch), eq(syncRuns.status, "running"));

/**
 * Inside a transaction that writes synced data: go on only while the run is still this worker's.
 * The row lock (FOR SHARE) keeps a takeover from slipping in before the transaction commits.
 */
export async function assertClaim(tx: Pick<Database, "select">, claim: RunClaim): Promise<void> {
  const [row] = await tx.select({ id: syncRuns.id }).from(syncRuns).where(mine(claim)).for("share");
  if (!row) throw new ClaimLostError(claim);
}

export interface RunProgress {
  counts: RunCounts;
  checkpoint: unknown;
  requests: number;
  rateLimited: number;
  retries: number;
  pace?: unknown;
}

type Executor = Pick<Database, "update">;
/** Writes an outcome and its event: the event follows a fenced update that succeeded, so it needs no fence of its own. */
type OutcomeExecutor = Pick<Database, "update" | "insert">;

/** Save progress and the checkpoint, and renew the claim. Throws ClaimLostError when the run is no longer this worker's. */
export async function saveProgress(db: Executor, claim: RunClaim, p: RunProgress): Promise<void> {
  const written = await db
    .update(syncRuns)
    .set({ counts: p.counts, checkpoint: p.checkpoint, requests: p.requests, rateLimited: p.rateLimited, retries: p.retries, pace: p.pace ?? null, heartbeatAt: sql`now()` })
    .where(mine(claim))
    .returning({ id: syncRuns.id });
  if (written.length === 0) throw new ClaimLostError(claim);
}

export type RunOutcome = { status: "succeeded" | "failed" | "cancelled"; cursor?: unknown; errorCode?: string; errorMessage?: string } & RunProgress;

/** End the run, if it is still this worker's (else ClaimLostError: the new owner finishes it). */
export async function finishRun(db: OutcomeExecutor, claim: RunClaim, outcome: RunOutcome): Promise<SyncRun> {
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
      pace: null,
      errorCode: outcome.errorCode ?? null,
      errorMessage: outcome.errorMessage ?? null,
      finishedAt: new Date(),
    })
    .where(mine(claim))
    .returning();
  if (!run) throw new ClaimLostError(claim);
  await recordRunEvent(db, run.id, outcome.status, outcome.errorCode ? { errorCode: outcome.errorCode } : {}, claim.epoch);
  return run;
}

/**
 * Hand the run back without finishing it (this process is shutting down): queued again from its
 * checkpoint, so the next worker, or this one after a restart, resumes it at once.
 */
export async function releaseRun(db: OutcomeExecutor, claim: RunClaim, p: RunProgress): Promise<void> {
  const released = await db
    .update(syncRuns)
    .set({ status: "queued", owner: null, heartbeatAt: null, counts: p.counts, checkpoint: p.checkpoint, requests: p.requests, rateLimited: p.rateLimited, retries: p.retries, pace: null })
    .where(mine(claim))
    .returning({ id: syncRuns.id });
  if (released.length > 0) await recordRunEvent(db, claim.runId, "released", { owner: claim.owner }, claim.epoch);
}
