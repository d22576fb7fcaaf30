import "server-only";

import type { Database } from "@/lib/db/client";
import type { FortnoxApi } from "@/lib/fortnox/client";

import type { RunClaim } from "./claim";
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
  /** Listed records written per statement. */
  writeBatch?: number;
  /** How often progress is written while a run is busy (the heartbeat rides on it). */
  progressEveryMs?: number;
  /** The longest gap between heartbeats, also while nothing moves (a long rate-limit wait). */
  heartbeatMs?: number;
  /** A run whose heartbeat is older than this is taken over (production: claim.ts, one minute). */
  staleAfterMs?: number;
  /** This worker's id (claim.ts `processOwner()` by default). */
  owner?: string;
  /** One process per database (PGlite): runs held by any other owner are a dead process's. */
  exclusive?: boolean;
  /** The company's request budget, for the time-left estimate (Fortnox's 25 per 5 s by default). */
  rateLimit?: { requests: number; windowMs: number };
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
  /** Records on the pages before `nextPage`: the listing's progress, exact across a resume. */
  listed?: number;
  /** Records the listing will see (MetaInformation's TotalResources on page 1). */
  listTotal?: number;
  /** Records flagged for their detail when the detail phase began (kept, so a resume keeps the total). */
  detailTotal?: number;
}

export interface RunCheckpoint {
  /** Our clock when the listings started: the next incremental run's high-water mark. */
  highWater: string;
  resources: Partial<Record<ResourceName, ResourceCheckpoint>>;
}

/** Shared state of one run while it executes. */
export interface RunContext {
  deps: Pick<EngineDeps, "now"> & Required<Pick<EngineDeps, "overlapMs" | "pageConcurrency" | "detailConcurrency" | "detailBatch" | "writeBatch">>;
  db: Database;
  api: FortnoxApi;
  connectionId: string;
  runId: string;
  claim: RunClaim;
  /** Aborted when the claim is lost (another worker took the run over) or the process stops. */
  signal: AbortSignal;
  kind: SyncKind;
  startedAt: Date;
  checkpoint: RunCheckpoint;
  counts: Partial<Record<ResourceName, ResourceCounts>>;
  /**
   * Awaited between a run's write statements: on PGlite it lets the portal's queued requests run
   * (a chain of awaited PGlite statements never returns to the event loop on its own); on
   * PostgreSQL it does nothing. See writeBatches in ./engine.ts.
   */
  pause(): Promise<void>;
  /** Ask for a progress write (throttled). */
  progress(): void;
}
