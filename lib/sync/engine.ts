import "server-only";

import { sql } from "drizzle-orm";

import { syncCursors, type SyncRun } from "@/lib/db/schema";
import { isEmbedded, type Database } from "@/lib/db/client";
import { toAppError } from "@/lib/fortnox/errors";
import { FORTNOX_RATE_LIMIT } from "@/lib/fortnox/rate-limiter";
import { logger } from "@/lib/log";

import type { EngineDeps, ResourceCheckpoint, RunCheckpoint, RunContext } from "./context";
import { lastModifiedParam, DEFAULT_OVERLAP_MS } from "./cursor";
import { detailPhase } from "./detail-phase";
import { deletionPhase, inactivePhase, listPhase } from "./list-phase";
import { syncResource, type AnySyncResource, type ResourceName } from "./resources";
import { claimRun, finishRun, HEARTBEAT_MS, isClaimLost, processOwner, releaseRun, STALE_AFTER_MS, type RunProgress } from "./claim";
import { getCursors } from "./cursors";
import { phaseMeter, type PhaseMeter } from "./phase-meter";
import { recordFencedRunEvent } from "./run-events";
import { emptyCounts, type ResourceCounts, type RunPhase } from "./runs";
import { remainingRequests, startProgressWriter } from "./progress";
import { pruneInvoiceCustomerNamesQuietly } from "./invoice-names";
import { refreshStatisticsQuietly } from "./statistics";

/**
 * Runs (or resumes) the connection's open sync run to the end. Resources run side by side, each
 * through its phases — list, inactive (full passes), details, deletions (full passes) — and every
 * step is checkpointed, so a worker killed at any point leaves a run the next worker continues.
 * Returns null when there is nothing to run, another live worker holds the run, or the run was
 * taken over from this worker while it ran (its late writes are refused; it just stops). An abort of
 * `signal` (the process is stopping) hands the run back for the next worker instead of ending it.
 */
export async function runSync(deps: EngineDeps, connectionId: string, signal?: AbortSignal): Promise<SyncRun | null> {
  const claimed = await claimRun(deps.db, connectionId, { owner: deps.owner ?? processOwner(), staleAfterMs: deps.staleAfterMs ?? STALE_AFTER_MS, exclusive: deps.exclusive });
  if (!claimed) return null;
  const { run, claim } = claimed;
  const lost = new AbortController();
  // Ended: one resource failed and the run with it; the others' requests and waits stop too.
  const ended = new AbortController();
  const runSignal = AbortSignal.any([...(signal ? [signal] : []), lost.signal, ended.signal]);
  const resources = run.resources.map((name) => syncResource(name as ResourceName)).filter(Boolean);
  // One API client per resource: its counters then say what that resource's phases cost (phase-meter.ts).
  const apis = new Map(await Promise.all(resources.map(async (res) => [res.name, await deps.apiFor(connectionId, runSignal)] as const)));
  const base = { requests: run.requests, rateLimited: run.rateLimited, retries: run.retries };
  const ctx: Omit<RunContext, "api"> = {
    deps: {
      overlapMs: deps.overlapMs ?? DEFAULT_OVERLAP_MS,
      pageConcurrency: deps.pageConcurrency ?? 4,
      detailConcurrency: deps.detailConcurrency ?? 8,
      ...writeBatches(deps),
      now: deps.now,
    },
    db: deps.db,
    pause: isEmbedded(deps.db) ? () => new Promise<void>((resolve) => setImmediate(resolve)) : () => Promise.resolve(),
    connectionId,
    runId: run.id,
    claim,
    signal: runSignal,
    kind: run.kind === "realtime" ? "incremental" : run.kind,
    startedAt: run.startedAt ?? new Date(),
    checkpoint: (run.checkpoint as RunCheckpoint | null) ?? { highWater: (deps.now?.() ?? new Date()).toISOString(), resources: {} },
    counts: (run.counts as RunContext["counts"]) ?? {},
    progress: () => undefined,
  };
  const meters = new Map<ResourceName, PhaseMeter>();
  const spent = (key: "requests" | "rateLimited429s" | "retries") => [...apis.values()].reduce((n, api) => n + api.counters[key], 0);
  const snapshot = () => {
    for (const meter of meters.values()) meter.sync();
    return {
      counts: ctx.counts,
      checkpoint: ctx.checkpoint,
      requests: base.requests + spent("requests"),
      rateLimited: base.rateLimited + spent("rateLimited429s"),
      retries: base.retries + spent("retries"),
    };
  };
  const limit = deps.rateLimit ?? FORTNOX_RATE_LIMIT;
  const writer = startProgressWriter({
    db: deps.db,
    claim,
    snapshot,
    extra: () => {
      const left = remainingRequests(ctx.checkpoint, ctx.counts, (name) => Boolean(syncResource(name as ResourceName)?.detail));
      return { remainingRequests: left.remaining, remainingComplete: left.complete, budgetPerSecond: limit.requests / (limit.windowMs / 1000) };
    },
    everyMs: deps.progressEveryMs ?? 1000,
    heartbeatMs: deps.heartbeatMs ?? HEARTBEAT_MS,
    onLost: (error) => lost.abort(error),
  });
  ctx.progress = () => writer.mark();
  try {
    await writer.flush();
    await initCheckpoints(ctx, resources);
    await writer.flush();
    await Promise.all(resources.map((res) => runResource({ ...ctx, api: apis.get(res.name)! }, res, meters)));
    await writer.stop();
    runSignal.throwIfAborted();
    const finished = await deps.db.transaction(async (tx) => {
      // The outcome first: a refused finish (taken over meanwhile) rolls the cursors back with it.
      const done = await finishRun(tx, claim, { status: "succeeded", cursor: { highWater: ctx.checkpoint.highWater }, ...snapshot() });
      await saveCursors(tx, ctx, resources);
      return done;
    });
    await pruneInvoiceCustomerNamesQuietly(deps.db, connectionId, ctx.counts.invoices, run.id);
    await refreshStatisticsQuietly(deps.db, ctx.counts, run.id);
    return finished;
  } catch (error) {
    await writer.stop();
    try {
      return await settleFailure(deps, ctx, error, { lost: lost.signal, stopping: signal }, snapshot);
    } finally {
      ended.abort();
    }
  }
}

/*
 * How much one statement writes. On PostgreSQL a batch's cost is the server's, so a Fortnox page
 * (500 records) is one statement. PGlite runs each statement on the portal's own thread, where a
 * 500-record upsert held every page view behind it for 50–70 ms (bench:ui's CPU profile of a sync):
 * smaller batches, with the event loop let through between them (RunContext.pause), let views in
 * between, for a little more work per record.
 */
function writeBatches(deps: EngineDeps) {
  const embedded = isEmbedded(deps.db);
  return { detailBatch: deps.detailBatch ?? (embedded ? 5 : 25), writeBatch: deps.writeBatch ?? (embedded ? 100 : 500) };
}

/** How a run that threw ends: taken over (nothing to write), handed back (stopping), or failed. */
async function settleFailure(deps: EngineDeps, ctx: Omit<RunContext, "api">, error: unknown, why: { lost: AbortSignal; stopping?: AbortSignal }, snapshot: () => RunProgress): Promise<SyncRun | null> {
  const log = { runId: ctx.runId, connectionId: ctx.connectionId, epoch: ctx.claim.epoch };
  try {
    if (why.lost.aborted || isClaimLost(error)) {
      logger.warn("sync run is no longer this worker's (taken over or cancelled); this one stops", log);
      return null;
    }
    if (why.stopping?.aborted) {
      await releaseRun(deps.db, ctx.claim, snapshot());
      logger.info("sync run handed back: this process is stopping", log);
      return null;
    }
    const appError = toAppError(error);
    logger.error("sync run failed", { ...log, code: appError.code, error });
    return await finishRun(deps.db, ctx.claim, { status: "failed", errorCode: appError.code, errorMessage: appError.message, ...snapshot() });
  } catch (e) {
    if (isClaimLost(e)) return null;
    throw e;
  }
}

/** A fresh run decides per resource: full listing (first run, full, reconcile) or changes since the cursor. */
async function initCheckpoints(ctx: Omit<RunContext, "api">, resources: AnySyncResource[]) {
  const cursors = await getCursors(ctx.db, ctx.connectionId);
  for (const res of resources) {
    if (ctx.checkpoint.resources[res.name]) continue;
    const highWater = cursors.get(res.name)?.highWater ?? null;
    const full = ctx.kind !== "incremental" || highWater === null;
    ctx.checkpoint.resources[res.name] = { phase: "list", full, since: full ? null : lastModifiedParam(highWater, ctx.deps.overlapMs), nextPage: 1, totalPages: null } satisfies ResourceCheckpoint;
  }
}

async function runResource(ctx: RunContext, res: AnySyncResource, meters: Map<ResourceName, PhaseMeter>) {
  const cp = ctx.checkpoint.resources[res.name]!;
  // A resumed run's listing progress is what its checkpoint proves stored, never what the previous
  // worker counted for pages it had in flight (they are listed again).
  const counts = (ctx.counts[res.name] = { ...emptyCounts(), ...ctx.counts[res.name] });
  counts.listed = cp.listed ?? 0;
  counts.listTotal = cp.listTotal ?? 0;
  const meter = phaseMeter(counts, ctx.api.counters, ctx.deps.now);
  meters.set(res.name, meter);
  const step = async (phase: RunPhase, work: () => Promise<void>) => {
    ctx.signal.throwIfAborted();
    if (cp.phase !== phase) return;
    meter.begin(phase);
    await work();
    meter.end();
    cp.phase = NEXT[phase];
    ctx.progress();
    // Refused once the run is no longer this worker's; the next write or step says so and stops it.
    await recordFencedRunEvent(ctx.db, ctx.claim, "phase_done", { resource: res.name, phase, ...phaseFigures(counts, phase) });
  };
  await step("list", () => listPhase(ctx, res, cp));
  await step("inactive", () => (cp.full ? inactivePhase(ctx, res) : Promise.resolve()));
  await step("details", () => detailPhase(ctx, res, cp));
  await step("deletions", () => (cp.full ? deletionPhase(ctx, res) : Promise.resolve()));
}

/** What the timeline says a finished phase did. */
function phaseFigures(c: ResourceCounts, phase: RunPhase): Record<string, number> {
  if (phase === "list") return { listed: c.listed, created: c.created, updated: c.updated, failed: c.failed ?? 0 };
  if (phase === "details") return { detailed: c.detailed, failed: c.failed ?? 0 };
  if (phase === "deletions") return { deleted: c.deleted };
  return {};
}

const NEXT: Record<ResourceCheckpoint["phase"], ResourceCheckpoint["phase"]> = { list: "inactive", inactive: "details", details: "deletions", deletions: "done", done: "done" };

async function saveCursors(db: Pick<Database, "insert">, ctx: Omit<RunContext, "api">, resources: AnySyncResource[]) {
  const highWater = new Date(ctx.checkpoint.highWater);
  const now = new Date();
  for (const res of resources) {
    const full = ctx.checkpoint.resources[res.name]?.full ?? false;
    await db
      .insert(syncCursors)
      .values({ connectionId: ctx.connectionId, resource: res.name, highWater, lastFullAt: full ? now : null, lastReconcileAt: full ? now : null })
      .onConflictDoUpdate({
        target: [syncCursors.connectionId, syncCursors.resource],
        set: {
          highWater,
          lastFullAt: full ? now : sql`${syncCursors.lastFullAt}`,
          lastReconcileAt: full ? now : sql`${syncCursors.lastReconcileAt}`,
        },
      });
  }
}
