import "server-only";

import type { Database } from "@/lib/db/client";
import type { FortnoxApi } from "@/lib/fortnox/client";

import type { ResourceCounts, SyncKind } from "./runs";
import type { ApiFor, ResourceName } from "./resources/types";

/** What the engine needs from the outside world; tests and the benchmark pass their own. */
export interface EngineDeps {
  db: Database;
  apiFor: ApiFor;
  /** Incremental overlap window (cursor.ts). */
  overlapMs?: number;
  /** List pages fetched at once per resource; enough to keep the rate limit's budget busy. */
  pageConcurrency?: number;
  /** Invoice details fetched at once. */
  detailConcurrency?: number;
  /** Details written per transaction. */
  detailBatch?: number;
  /** How often progress and the heartbeat are written while a run is busy. */
  progressEveryMs?: number;
  now?: () => Date;
}

/** Where one resource of a run stands; saved in the run's checkpoint after every step. */
export interface ResourceCheckpoint {
  phase: "list" | "inactive" | "details" | "deletions" | "done";
  /** Full listings see everything (and so detect deletions); incremental ones list changes since `since`. */
  full: boolean;
  since: string | null;
  /** Every page before this one is stored. */
  nextPage: number;
  totalPages: number | null;
}

export interface RunCheckpoint {
  /** Our clock when the listings started: the next incremental run's high-water mark. */
  highWater: string;
  resources: Partial<Record<ResourceName, ResourceCheckpoint>>;
}

/** Shared state of one run while it executes. */
export interface RunContext {
  deps: Required<Omit<EngineDeps, "apiFor" | "now">> & Pick<EngineDeps, "now">;
  db: Database;
  api: FortnoxApi;
  connectionId: string;
  runId: string;
  kind: SyncKind;
  startedAt: Date;
  checkpoint: RunCheckpoint;
  counts: Partial<Record<ResourceName, ResourceCounts>>;
  /** Ask for a progress write (throttled). */
  progress(): void;
}
