import "server-only";

import { inArray } from "drizzle-orm";

import type { Database } from "@/lib/db/client";
import { users } from "@/lib/db/schema";

import type { ResourceName } from "./resources/types";
import { findRun } from "./run-control";
import { listRunEvents, type RunEventView } from "./run-events";
import type { PhaseStats, RunPhase } from "./runs";
import { toRunView, type SyncRunView } from "./status";

/** One run for its page: figures per resource and phase, the records it could not store, and its timeline. */

export const PHASES: readonly RunPhase[] = ["list", "inactive", "details", "deletions"];

export interface PhaseRow {
  resource: ResourceName;
  phase: RunPhase;
  stats: PhaseStats;
}

export interface FailureRow {
  resource: ResourceName;
  /** The Fortnox record number (customer, article or invoice number). */
  number: string;
  error: string;
}

export interface RunDetail {
  run: SyncRunView;
  phases: PhaseRow[];
  failures: FailureRow[];
  /** Failures counted beyond the ones kept with their reason. */
  failuresNotListed: number;
  events: (RunEventView & { actorName: string | null })[];
  /** The failed run this one retries, and the run that retried this one. */
  retryOf: string | null;
  retriedAs: string | null;
}

export async function getRunDetail(db: Database, connectionId: string, runId: string): Promise<RunDetail | null> {
  const row = await findRun(db, connectionId, runId);
  if (!row) return null;
  const run = toRunView(row);
  const phases: PhaseRow[] = [];
  const failures: FailureRow[] = [];
  let failuresNotListed = 0;
  for (const resource of run.resources) {
    const c = run.counts[resource]!;
    for (const phase of PHASES) {
      const stats = c.phases?.[phase];
      if (stats) phases.push({ resource, phase, stats });
    }
    const kept = c.failures ?? [];
    failures.push(...kept.map((f) => ({ resource, number: f.number, error: f.error })));
    failuresNotListed += Math.max(0, (c.failed ?? 0) - kept.length);
  }
  const events = await listRunEvents(db, row.id);
  const actorIds = [...new Set(events.map((e) => e.detail.byUserId).filter((id): id is string => typeof id === "string"))];
  const names = new Map(
    actorIds.length ? (await db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(inArray(users.id, actorIds))).map((u) => [u.id, u.name || u.email]) : [],
  );
  const idOf = (v: unknown) => (typeof v === "string" ? v : null);
  return {
    run,
    phases,
    failures,
    failuresNotListed,
    events: events.map((e) => ({ ...e, actorName: names.get(idOf(e.detail.byUserId) ?? "") ?? null })),
    retryOf: idOf(events.find((e) => e.type === "queued")?.detail.retryOf),
    retriedAs: idOf(events.findLast((e) => e.type === "retried")?.detail.newRunId),
  };
}
