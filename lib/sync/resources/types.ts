import type { PgTable } from "drizzle-orm/pg-core";

import type { Database } from "@/lib/db/client";
import type { FortnoxApi } from "@/lib/fortnox/client";
import type { FortnoxResource } from "@/lib/fortnox/wire";

import type { RecordTable } from "../store";

/** The resources Brygga syncs; the names double as Fortnox's WebSocket topics. */
export const RESOURCE_NAMES = ["customers", "articles", "invoices"] as const;
export type ResourceName = (typeof RESOURCE_NAMES)[number];

/** What a detail phase writes for one record fetched in full. */
export interface DetailSpec<T> {
  /**
   * Store records fetched in full, in one transaction, and clear their `needs_detail` flag. `fence`
   * runs first inside that transaction and throws when the writer may no longer write.
   */
  store(db: Database, connectionId: string, records: T[], fence?: (tx: Database) => Promise<void>): Promise<void>;
  /** Numbers of records whose detail is due, newest first (date, then number, descending), at most `limit`. */
  pending(db: Database, connectionId: string, limit: number): Promise<string[]>;
  /** How many records' details are due. */
  countPending(db: Database, connectionId: string): Promise<number>;
  /** Mark every listed record as needing its detail (incremental listings: any change counts). */
  markPending(db: Database, connectionId: string, numbers: string[]): Promise<void>;
  /** Tables the detail writes besides the record table (invoice rows), for ./statistics.ts. */
  tables?: PgTable[];
}

/**
 * One synced resource. The engine knows nothing else about customers, articles or invoices: a new
 * resource is a new module implementing this, never a new case in a switch.
 */
export interface SyncResource<T, TTable extends PgTable = PgTable> {
  name: ResourceName;
  fortnox: FortnoxResource<T, T>;
  record: RecordTable<TTable>;
  /** The record's Fortnox number as stored (CustomerNumber, ArticleNumber, DocumentNumber). */
  numberOf(item: T): string;
  /** Columns for the record table from a list item or a full record. */
  toRow(connectionId: string, item: T): TTable["$inferInsert"];
  /** Columns (TypeScript names) list items do not carry: a listing's upsert leaves them as stored. */
  listOmits: string[];
  /** Fortnox's `filter` for inactive records, listed by full passes to learn the active flag. */
  inactiveFilter?: string;
  /** Resources whose list items lack what we need fetch each new or changed record in full. */
  detail?: DetailSpec<T>;
  /**
   * Tables the database's own triggers write from the record table (the invoices' customer names,
   * drizzle/0014), for ./statistics.ts: the sync never names them, yet each run changes them.
   */
  derivedTables?: PgTable[];
}

/** Any resource, for code that handles them all alike. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a heterogeneous registry; each module is fully typed
export type AnySyncResource = SyncResource<any, any>;

export type ApiFor = (connectionId: string, signal?: AbortSignal) => Promise<FortnoxApi>;
