import "server-only";

import type { Database } from "@/lib/db/client";
import { getRecordCounts, type RecordCounts } from "@/lib/db/queries/dashboard";
import type { SyncRun } from "@/lib/db/schema";

import type { RunPace } from "./progress";
import { RESOURCE_NAMES, type ResourceName } from "./resources/types";
import { emptyCounts, getOpenRun, listSyncRuns, type ResourceCounts } from "./runs";
import { nextRunDueAt } from "./schedule";
import { getSyncSettings, type SyncSettingsInput } from "./settings";

/**
 * A sync run as the UI sees it. The checkpoint and cursor are engine internals and stay out;
 * dates are ISO strings, so the server render and the polled JSON give the client one shape.
 */
export interface SyncRunView {
  id: string;
  kind: SyncRun["kind"];
  trigger: SyncRun["trigger"];
  status: SyncRun["status"];
  resources: ResourceName[];
  /** Every resource of the run, zero-filled: the engine writes a resource's figures only once it starts. */
  counts: Partial<Record<ResourceName, ResourceCounts>>;
  requests: number;
  rateLimited: number;
  retries: number;
  /** While the run is open: its measured pace and what is left (progress.ts). */
  pace: RunPace | null;
  errorCode: string | null;
  errorMessage: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface SyncStatus {
  openRun: SyncRunView | null;
  lastRun: SyncRunView | null;
  /** When the scheduler will next start a run; null while paused or while a run is open. */
  nextRunAt: string | null;
  settings: SyncSettingsInput & { updatedAt: string | null };
  /** Records stored so far (not deleted): the dashboard's tiles follow a running sync with these. */
  records: RecordCounts;
}

const OPEN: ReadonlySet<SyncRun["status"]> = new Set(["queued", "running"]);
const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toRunView(run: SyncRun): SyncRunView {
  const stored = (run.counts ?? {}) as Partial<Record<string, Partial<ResourceCounts>>>;
  const resources = run.resources.filter((r): r is ResourceName => (RESOURCE_NAMES as readonly string[]).includes(r));
  const counts: SyncRunView["counts"] = {};
  for (const r of resources) counts[r] = { ...emptyCounts(), ...stored[r] };
  return {
    id: run.id,
    kind: run.kind,
    trigger: run.trigger,
    status: run.status,
    resources,
    counts,
    requests: run.requests,
    rateLimited: run.rateLimited,
    retries: run.retries,
    pace: run.status === "running" ? ((run.pace as RunPace | null) ?? null) : null,
    errorCode: run.errorCode,
    errorMessage: run.errorMessage,
    createdAt: run.createdAt.toISOString(),
    startedAt: iso(run.startedAt),
    finishedAt: iso(run.finishedAt),
  };
}

/** A connection's sync status for the status card and its polling route. */
export async function getSyncStatus(db: Database, connectionId: string, now = new Date()): Promise<SyncStatus> {
  const openRun = await getOpenRun(db, connectionId);
  // At most one run is open, so the two newest always include the last finished one.
  const recent = await listSyncRuns(db, connectionId, 2);
  const settings = await getSyncSettings(db, connectionId);
  const records = await getRecordCounts(db, connectionId);
  const lastRun = recent.find((r) => !OPEN.has(r.status)) ?? null;
  return {
    openRun: openRun ? toRunView(openRun) : null,
    lastRun: lastRun ? toRunView(lastRun) : null,
    nextRunAt: iso(nextRunDueAt({ paused: settings.paused, intervalMinutes: settings.intervalMinutes, hasOpenRun: openRun !== null, lastRunAt: lastRun ? (lastRun.finishedAt ?? lastRun.createdAt) : null }, now)),
    settings: { ...settings, updatedAt: iso(settings.updatedAt) },
    records,
  };
}

/** Recent runs of a connection as the run list shows them, newest first. */
export async function listSyncRunViews(db: Database, connectionId: string, limit = 20): Promise<SyncRunView[]> {
  return (await listSyncRuns(db, connectionId, limit)).map(toRunView);
}
