import "server-only";

import { sql } from "drizzle-orm";

import { syncCursors, type SyncRun } from "@/lib/db/schema";
import { toAppError } from "@/lib/fortnox/errors";
import { logger } from "@/lib/log";

import type { EngineDeps, ResourceCheckpoint, RunCheckpoint, RunContext } from "./context";
import { lastModifiedParam, DEFAULT_OVERLAP_MS } from "./cursor";
import { detailPhase } from "./detail-phase";
import { deletionPhase, inactivePhase, listPhase } from "./list-phase";
import { syncResource, type AnySyncResource, type ResourceName } from "./resources";
import { claimRun, finishRun, saveProgress, STALE_AFTER_MS, type RunProgress } from "./runs";
import { getCursors } from "./cursors";

const HEARTBEAT_MS = STALE_AFTER_MS / 6;

/**
 * Runs (or resumes) the connection's open sync run to the end. Resources run side by side, each
 * through its phases — list, inactive (full passes), details, deletions (full passes) — and every
 * step is checkpointed, so a worker killed at any point leaves a run the next worker continues.
 * Returns null when there is nothing to run or another live worker holds the run.
 */
export async function runSync(deps: EngineDeps, connectionId: string, signal?: AbortSignal): Promise<SyncRun | null> {
  const run = await claimRun(deps.db, connectionId, deps.now?.());
  if (!run) return null;
  const api = await deps.apiFor(connectionId, signal);
  const base = { requests: run.requests, rateLimited: run.rateLimited, retries: run.retries };
  const ctx: RunContext = {
    deps: {
      db: deps.db,
      overlapMs: deps.overlapMs ?? DEFAULT_OVERLAP_MS,
      pageConcurrency: deps.pageConcurrency ?? 4,
      detailConcurrency: deps.detailConcurrency ?? 8,
      detailBatch: deps.detailBatch ?? 25,
      progressEveryMs: deps.progressEveryMs ?? 1000,
      now: deps.now,
    },
    db: deps.db,
    api,
    connectionId,
    runId: run.id,
    kind: run.kind === "realtime" ? "incremental" : run.kind,
    startedAt: run.startedAt ?? new Date(),
    checkpoint: (run.checkpoint as RunCheckpoint | null) ?? { highWater: (deps.now?.() ?? new Date()).toISOString(), resources: {} },
    counts: (run.counts as RunContext["counts"]) ?? {},
    progress: () => undefined,
  };
  const snapshot = (): RunProgress => ({
    counts: ctx.counts,
    checkpoint: ctx.checkpoint,
    requests: base.requests + api.counters.requests,
    rateLimited: base.rateLimited + api.counters.rateLimited429s,
    retries: base.retries + api.counters.retries,
  });
  // Progress is written at most once per interval, and only when something moved; the heartbeat
  // is written regardless every HEARTBEAT_MS (long rate-limit waits included), well inside the
  // minute after which another worker treats the run as abandoned.
  let dirty = false;
  let lastWrite = 0;
  let writing: Promise<void> = Promise.resolve();
  const write = () => {
    dirty = false;
    lastWrite = Date.now();
    writing = writing.then(() => saveProgress(deps.db, run.id, snapshot())).catch((error: unknown) => logger.warn("could not save sync progress", { runId: run.id, error }));
    return writing;
  };
  ctx.progress = () => {
    dirty = true;
  };
  const timer = setInterval(() => {
    if (dirty || Date.now() - lastWrite >= HEARTBEAT_MS) void write();
  }, ctx.deps.progressEveryMs);
  try {
    await write();
    const resources = run.resources.map((name) => syncResource(name as ResourceName)).filter(Boolean);
    await initCheckpoints(ctx, resources);
    await write();
    await Promise.all(resources.map((res) => runResource(ctx, res)));
    clearInterval(timer);
    await writing;
    await saveCursors(ctx, resources);
    return await finishRun(deps.db, run.id, { status: "succeeded", cursor: { highWater: ctx.checkpoint.highWater }, ...snapshot() });
  } catch (error) {
    clearInterval(timer);
    await writing;
    if (signal?.aborted) return finishRun(deps.db, run.id, { status: "cancelled", ...snapshot() });
    const appError = toAppError(error);
    logger.error("sync run failed", { runId: run.id, connectionId, code: appError.code, error });
    return finishRun(deps.db, run.id, { status: "failed", errorCode: appError.code, errorMessage: appError.message, ...snapshot() });
  } finally {
    clearInterval(timer);
  }
}

/** A fresh run decides per resource: full listing (first run, full, reconcile) or changes since the cursor. */
async function initCheckpoints(ctx: RunContext, resources: AnySyncResource[]) {
  const cursors = await getCursors(ctx.db, ctx.connectionId);
  for (const res of resources) {
    if (ctx.checkpoint.resources[res.name]) continue;
    const highWater = cursors.get(res.name)?.highWater ?? null;
    const full = ctx.kind !== "incremental" || highWater === null;
    ctx.checkpoint.resources[res.name] = { phase: "list", full, since: full ? null : lastModifiedParam(highWater, ctx.deps.overlapMs), nextPage: 1, totalPages: null } satisfies ResourceCheckpoint;
  }
}

async function runResource(ctx: RunContext, res: AnySyncResource) {
  const cp = ctx.checkpoint.resources[res.name]!;
  const step = async (phase: ResourceCheckpoint["phase"], work: () => Promise<void>) => {
    if (cp.phase !== phase) return;
    await work();
    cp.phase = NEXT[phase];
    ctx.progress();
  };
  await step("list", () => listPhase(ctx, res, cp));
  await step("inactive", () => (cp.full ? inactivePhase(ctx, res) : Promise.resolve()));
  await step("details", () => detailPhase(ctx, res));
  await step("deletions", () => (cp.full ? deletionPhase(ctx, res) : Promise.resolve()));
}

const NEXT: Record<ResourceCheckpoint["phase"], ResourceCheckpoint["phase"]> = { list: "inactive", inactive: "details", details: "deletions", deletions: "done", done: "done" };

async function saveCursors(ctx: RunContext, resources: AnySyncResource[]) {
  const highWater = new Date(ctx.checkpoint.highWater);
  const now = new Date();
  for (const res of resources) {
    const full = ctx.checkpoint.resources[res.name]?.full ?? false;
    await ctx.db
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
