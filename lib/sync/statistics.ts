import { getTableName, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";

import { isEmbedded, type Database } from "@/lib/db/client";
import { queryRows } from "@/lib/db/raw";
import { logger } from "@/lib/log";

import { syncResource } from "./resources";
import type { ResourceName } from "./resources/types";
import type { ResourceCounts } from "./runs";

/*
 * The planner's statistics after a sync. PostgreSQL's autovacuum re-analyzes a table once its
 * changes pass 50 rows plus 10 % of its size. PGlite runs no autovacuum (one process, no background
 * workers), so a company synced into the embedded database would keep the statistics of an empty
 * table: lists would get plans for a handful of rows, and result counts past the exact limit would
 * rest on an estimate of zero ("fler än 2 000" for 100,000 invoices). After a run on PGlite, the
 * tables it changed enough are analyzed here, by the same rule autovacuum applies.
 *
 * They are vacuumed at the same time, which autovacuum would also have done: it clears the dead
 * rows every upsert leaves behind (without it the embedded tables only grow), and it marks the
 * table's pages all-visible, which is what lets the unpaid and overdue lists be counted from their
 * index alone (lib/db/schema/records.ts, openInvoice) instead of reading each row's page. And it
 * merges a GIN index's pending list into the index proper: the customer-name trigram index
 * (drizzle/0014) takes new names into an unordered pending list that only VACUUM (or 4 MB of them)
 * merges, and a lookup through the index reads that list whole. Left unvacuumed and unanalyzed, a
 * synced company's name lookup either read that whole list through the index or, as the planner
 * chose without statistics, scanned every name of the company.
 */
const BASE_THRESHOLD = 50;
const SCALE_FACTOR = 0.1;

/** Whether autovacuum's analyze rule would fire: `changed` rows against `reltuples` (-1: never analyzed). */
function analyzeDue(changed: number, reltuples: number): boolean {
  return changed > BASE_THRESHOLD + SCALE_FACTOR * Math.max(0, reltuples);
}

const changedRows = (c: ResourceCounts | undefined) => (c ? c.created + c.updated + c.deleted : 0);

/** On PGlite, vacuums and analyzes what the run changed enough; returns those tables (none on PostgreSQL). */
export async function refreshStatistics(db: Database, counts: Partial<Record<ResourceName, ResourceCounts>>): Promise<string[]> {
  if (!isEmbedded(db)) return [];
  const analyzed: string[] = [];
  for (const [resource, c] of Object.entries(counts) as [ResourceName, ResourceCounts | undefined][]) {
    const changed = changedRows(c);
    const res = syncResource(resource);
    if (!res || changed <= BASE_THRESHOLD) continue;
    // The record table, what triggers write from it (customer names) and what its detail phase
    // writes beside it (invoice rows). A derived table is judged by the record's changes, which it
    // follows at most one row each: vacuumed somewhat sooner than autovacuum would, a small table.
    const tables: PgTable[] = [res.record.table as PgTable, ...(res.derivedTables ?? []), ...(res.detail?.tables ?? [])];
    for (const table of tables) {
      const name = getTableName(table);
      const [stats] = await queryRows<{ reltuples: number }>(db, sql`select reltuples::float8 as reltuples from pg_class where oid = to_regclass(${name})`);
      if (!analyzeDue(changed, Number(stats?.reltuples ?? -1))) continue;
      await db.execute(sql`vacuum (analyze) ${table}`);
      analyzed.push(name);
    }
  }
  return analyzed;
}

/** After a finished run: best effort, a failed ANALYZE never fails the sync that led to it. */
export async function refreshStatisticsQuietly(db: Database, counts: Partial<Record<ResourceName, ResourceCounts>>, runId: string): Promise<void> {
  try {
    const tables = await refreshStatistics(db, counts);
    if (tables.length > 0) logger.info("planner statistics refreshed after sync", { runId, tables });
  } catch (error) {
    logger.warn("could not refresh planner statistics after sync", { runId, error });
  }
}
