import "server-only";

import type { Database } from "@/lib/db/client";
import { logger } from "@/lib/log";

import { isClaimLost, saveProgress, type RunClaim, type RunProgress } from "./claim";
import type { RunCheckpoint } from "./context";
import type { RunCounts } from "./runs";

/** The pace shown while a run is open, measured by its worker over the last `windowSeconds`. */
export interface RunPace {
  requestsPerSecond: number;
  /** Records listed plus details fetched, per minute. */
  recordsPerMinute: number;
  windowSeconds: number;
  /** Requests still to make that the run knows of: list pages left and details still flagged. */
  remainingRequests: number;
  /** False while a listing that flags details is still running: more detail requests may come. */
  remainingComplete: boolean;
  /** The company's budget (Fortnox: 25 per 5 s), so the UI estimates the time left honestly. */
  budgetPerSecond: number;
}

export const PACE_WINDOW_MS = 30_000;
const PAGE_SIZE = 500;

interface Sample {
  at: number;
  requests: number;
  records: number;
}

/** Requests the run still has to make, from its checkpoint and counts (see RunPace). */
export function remainingRequests(checkpoint: RunCheckpoint, counts: RunCounts, hasDetails: (resource: string) => boolean): { remaining: number; complete: boolean } {
  let remaining = 0;
  let complete = true;
  for (const [name, cp] of Object.entries(checkpoint.resources)) {
    if (!cp) continue;
    const c = counts[name as keyof RunCounts];
    if (cp.phase === "list") {
      remaining += cp.totalPages === null ? 1 : Math.max(0, Math.ceil(((cp.listTotal ?? 0) - (c?.listed ?? 0)) / PAGE_SIZE));
      if (hasDetails(name)) complete = false;
    }
    if (hasDetails(name) && cp.phase !== "deletions" && cp.phase !== "done") remaining += Math.max(0, (c?.detailTotal ?? 0) - (c?.detailed ?? 0));
  }
  return { remaining, complete };
}

export interface ProgressWriter {
  /** Something moved: write at the next tick. */
  mark(): void;
  /** Write now (and wait for it), e.g. after the checkpoint changed phase. */
  flush(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Writes a run's progress at most once per `everyMs` when something moved, and the heartbeat at
 * least every `heartbeatMs` regardless (long rate-limit waits included). A write refused because the
 * claim moved to another worker calls `onLost` once; the caller aborts its run loop.
 */
export function startProgressWriter(o: {
  db: Database;
  claim: RunClaim;
  snapshot: () => RunProgress & { checkpoint: RunCheckpoint; counts: RunCounts };
  extra: () => Omit<RunPace, "requestsPerSecond" | "recordsPerMinute" | "windowSeconds">;
  everyMs: number;
  heartbeatMs: number;
  onLost: (error: Error) => void;
}): ProgressWriter {
  let dirty = false;
  let lastWrite = 0;
  let lost = false;
  let chain: Promise<void> = Promise.resolve();
  const samples: Sample[] = [];

  const pace = (p: RunProgress & { counts: RunCounts }): RunPace => {
    const now = Date.now();
    const records = Object.values(p.counts).reduce((n, c) => n + (c?.listed ?? 0) + (c?.detailed ?? 0), 0);
    samples.push({ at: now, requests: p.requests, records });
    while (samples.length > 2 && samples[1]!.at <= now - PACE_WINDOW_MS) samples.shift();
    const first = samples[0]!;
    const seconds = (now - first.at) / 1000;
    const rate = (d: number) => (seconds >= 1 ? Math.max(0, d) / seconds : 0);
    return { requestsPerSecond: rate(p.requests - first.requests), recordsPerMinute: rate(records - first.records) * 60, windowSeconds: Math.round(seconds), ...o.extra() };
  };

  const write = () => {
    dirty = false;
    lastWrite = Date.now();
    chain = chain.then(async () => {
      if (lost) return;
      const p = o.snapshot();
      try {
        await saveProgress(o.db, o.claim, { ...p, pace: pace(p) });
      } catch (error) {
        if (isClaimLost(error)) {
          lost = true;
          o.onLost(error);
        } else logger.warn("could not save sync progress", { runId: o.claim.runId, error });
      }
    });
    return chain;
  };
  const timer = setInterval(() => {
    if (dirty || Date.now() - lastWrite >= o.heartbeatMs) void write();
  }, Math.min(o.everyMs, o.heartbeatMs));
  return {
    mark: () => {
      dirty = true;
    },
    flush: write,
    stop: async () => {
      clearInterval(timer);
      await chain;
    },
  };
}
