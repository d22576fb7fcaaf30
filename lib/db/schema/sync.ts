import { sql } from "drizzle-orm";
import { bigserial, boolean, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

import { connections } from "./connections";

export const syncKindEnum = pgEnum("sync_kind", ["full", "incremental", "reconcile", "realtime"]);
export const syncStatusEnum = pgEnum("sync_status", ["queued", "running", "succeeded", "failed", "cancelled"]);
export const syncTriggerEnum = pgEnum("sync_trigger", ["schedule", "manual", "connect", "realtime"]);

/** Per-connection sync preferences; one row per connection. */
export const syncSettings = pgTable("sync_settings", {
  connectionId: uuid("connection_id")
    .primaryKey()
    .references(() => connections.id, { onDelete: "cascade" }),
  resources: text("resources").array().notNull().default(["customers", "articles", "invoices"]),
  intervalMinutes: integer("interval_minutes").notNull().default(60),
  realtime: boolean("realtime").notNull().default(true),
  /** Full reconcile (deletion detection) every N hours. */
  reconcileIntervalHours: integer("reconcile_interval_hours").notNull().default(24),
  paused: boolean("paused").notNull().default(false),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** One sync run: what the admin UI shows, and the checkpoint a resumed run continues from. */
export const syncRuns = pgTable(
  "sync_runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    connectionId: uuid("connection_id")
      .notNull()
      .references(() => connections.id, { onDelete: "cascade" }),
    kind: syncKindEnum("kind").notNull(),
    trigger: syncTriggerEnum("trigger").notNull().default("schedule"),
    status: syncStatusEnum("status").notNull().default("queued"),
    resources: text("resources").array().notNull(),
    /** Per resource: { fetched, created, updated, deleted, unchanged, done, total }. */
    counts: jsonb("counts").notNull().default({}),
    checkpoint: jsonb("checkpoint"),
    cursor: jsonb("cursor"),
    requests: integer("requests").notNull().default(0),
    rateLimited: integer("rate_limited").notNull().default(0),
    retries: integer("retries").notNull().default(0),
    errorCode: text("error_code"),
    errorMessage: text("error_message"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    /** Written (database clock) while a worker holds the run; a running run with a stale heartbeat was abandoned. */
    heartbeatAt: timestamp("heartbeat_at", { withTimezone: true }),
    /** The worker holding the run (host:pid:random), set by each claim. */
    owner: text("owner"),
    /**
     * Fencing token, incremented by every claim: a worker writes progress, checkpoint and outcome only
     * while owner and epoch are still its own, so a worker that was taken over cannot write late.
     */
    epoch: integer("epoch").notNull().default(0),
    /** Measured over the last ~30 s by the worker: { requestsPerSecond, recordsPerMinute, windowSeconds }. */
    pace: jsonb("pace"),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    index("sync_runs_connection_created_idx").on(t.connectionId, t.createdAt),
    // At most one unfinished run per connection: the database, not just the queue, says so.
    uniqueIndex("sync_runs_one_open_per_connection").on(t.connectionId).where(sql`${t.status} in ('queued', 'running')`),
  ],
);

/**
 * What happened to a run, in order: queued, claimed (started, or resumed under a new epoch), a
 * resource's phase done, handed back, finished, cancelled, retried. The run page's timeline; a
 * worker writes its events under the same owner/epoch fence as its progress (lib/sync/run-events.ts).
 */
export const syncRunEvents = pgTable(
  "sync_run_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    runId: uuid("run_id")
      .notNull()
      .references(() => syncRuns.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    /** The claim the event was written under (0: not by a worker, e.g. queued or cancelled). */
    epoch: integer("epoch").notNull().default(0),
    /** Ids, counts and codes only: never a token or a Fortnox payload. */
    detail: jsonb("detail").notNull().default({}),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("sync_run_events_run_idx").on(t.runId, t.id)],
);

/** Per connection and resource: where incremental sync continues, and when full passes last ran. */
export const syncCursors = pgTable(
  "sync_cursors",
  {
    connectionId: uuid("connection_id")
      .notNull()
      .references(() => connections.id, { onDelete: "cascade" }),
    resource: text("resource").notNull(),
    /** Fortnox's clock when the last completed listing started: the high-water mark. */
    highWater: timestamp("high_water", { withTimezone: true }),
    lastFullAt: timestamp("last_full_at", { withTimezone: true }),
    lastReconcileAt: timestamp("last_reconcile_at", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.connectionId, t.resource] })],
);

/** WebSocket topic offsets per app, so a restart replays what it missed (Fortnox keeps two weeks). */
export const realtimeOffsets = pgTable(
  "realtime_offsets",
  {
    clientId: text("client_id").notNull(),
    topic: text("topic").notNull(),
    offset: text("offset").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.clientId, t.topic] })],
);

export type SyncSettings = typeof syncSettings.$inferSelect;
export type SyncRun = typeof syncRuns.$inferSelect;
export type SyncCursor = typeof syncCursors.$inferSelect;
export type SyncRunEvent = typeof syncRunEvents.$inferSelect;
