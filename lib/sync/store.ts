import "server-only";

import { getTableColumns, sql, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";

import type { Database } from "@/lib/db/client";

/**
 * Idempotent batched upserts of synced records, keyed on (connection, Fortnox number).
 *
 * One statement per batch: rows whose raw Fortnox JSON is unchanged are left alone (the
 * conflict's WHERE skips them), so a re-sync writes nothing it does not need to; `xmax = 0`
 * tells a freshly inserted row from an updated one. Together that yields the run's
 * created / updated / unchanged counts without reading anything back first.
 */

export interface UpsertCounts {
  created: number;
  updated: number;
  unchanged: number;
}

type Executor = Pick<Database, "insert" | "update" | "select">;

export interface RecordTable<T extends PgTable> {
  table: T;
  connectionId: PgColumn;
  number: PgColumn;
  raw: PgColumn;
  deletedAt: PgColumn;
  syncedAt: PgColumn;
}

/** Upsert `rows` (already mapped to columns) in batches; returns counts and the ids by Fortnox number. */
export async function upsertRecords<T extends PgTable>(
  db: Executor,
  spec: RecordTable<T>,
  rows: T["$inferInsert"][],
  batchSize = 500,
): Promise<UpsertCounts & { ids: Map<string, string> }> {
  const counts: UpsertCounts = { created: 0, updated: 0, unchanged: 0 };
  const ids = new Map<string, string>();
  const columns = getTableColumns(spec.table);
  const keyColumns = new Set([spec.connectionId.name, spec.number.name, "id"]);
  // Every column except the key is refreshed from the incoming row; a record that comes back
  // after a reconcile marked it deleted is undeleted.
  const set: Record<string, SQL> = {};
  for (const [prop, col] of Object.entries(columns)) {
    if (keyColumns.has(col.name)) continue;
    set[prop] = col.name === spec.deletedAt.name ? sql`null` : sql.raw(`excluded."${col.name}"`);
  }
  for (let i = 0; i < rows.length; i += batchSize) {
    const batch = rows.slice(i, i + batchSize);
    const written = (await db
      .insert(spec.table)
      .values(batch)
      .onConflictDoUpdate({
        target: [spec.connectionId, spec.number],
        set,
        setWhere: sql`${spec.raw} is distinct from excluded.${sql.identifier(spec.raw.name)} or ${spec.deletedAt} is not null`,
      })
      .returning({ id: sql<string>`id`, number: sql<string>`${spec.number}::text`, inserted: sql<boolean>`(xmax = 0)` })) as { id: string; number: string; inserted: boolean }[];
    for (const w of written) {
      ids.set(w.number, w.id);
      if (w.inserted) counts.created++;
      else counts.updated++;
    }
    counts.unchanged += batch.length - written.length;
  }
  return { ...counts, ids };
}
