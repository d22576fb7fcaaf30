import "server-only";

import { and, eq, getTableColumns, inArray, sql, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";

import type { Database } from "@/lib/db/client";
import { queryRows } from "@/lib/db/raw";
import { cleanJson } from "@/lib/input/text";

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

/** A record that could not be stored as it is: its Fortnox number and why (no record data). */
export interface RecordFailure {
  number: string;
  error: string;
}

/** How many failures a run keeps per resource (the count keeps going). */
export const MAX_RECORDED_FAILURES = 20;

/** Add failures to a resource's run figures: counted, and the first few kept with their reason. */
export function recordFailures(counts: { failed?: number; failures?: RecordFailure[] }, failures: RecordFailure[]): void {
  if (failures.length === 0) return;
  counts.failed = (counts.failed ?? 0) + failures.length;
  const kept = (counts.failures ??= []);
  for (const f of failures) if (kept.length < MAX_RECORDED_FAILURES) kept.push({ number: f.number.slice(0, 100), error: f.error.slice(0, 300) });
}

/** A database error as a short reason for the run, without the statement or its parameters. */
export function failureReason(e: unknown): string {
  const err = e as { code?: unknown; cause?: { code?: unknown; message?: unknown }; message?: unknown };
  const cause = err?.cause && typeof err.cause === "object" ? err.cause : err;
  const code = typeof cause?.code === "string" ? `${cause.code}: ` : "";
  const message = typeof cause?.message === "string" ? cause.message.split("\n")[0]! : String(e);
  return `${code}${message}`.slice(0, 300);
}

type Executor = Pick<Database, "insert" | "update" | "select" | "execute">;

export interface RecordTable<T extends PgTable> {
  table: T;
  connectionId: PgColumn;
  number: PgColumn;
  raw: PgColumn;
  deletedAt: PgColumn;
  syncedAt: PgColumn;
  seenAt: PgColumn;
}

export interface UpsertOptions {
  /** Columns (TypeScript names) the incoming rows do not really carry; stored values are kept. */
  omit?: string[];
  batchSize?: number;
  /** Awaited before every batch after the first (RunContext.pause). */
  between?: () => Promise<void>;
}

/** `SET col = excluded.col` for the given TypeScript column names of `table`. */
export function excludedSet(table: PgTable, names: string[]): Record<string, SQL> {
  const columns = getTableColumns(table);
  return Object.fromEntries(names.map((name) => [name, sql.raw(`excluded."${columns[name]!.name}"`)]));
}

/**
 * Upsert `rows` (already mapped to columns) in batches; returns counts, the ids by Fortnox number,
 * and the records that could not be stored. A batch the database refuses is retried one record
 * at a time, so one record (a value out of range, a date Fortnox should never have sent) costs
 * only itself: it is reported in `failed` and every other record is stored.
 */
export async function upsertRecords<T extends PgTable>(
  db: Executor,
  spec: RecordTable<T>,
  rows: T["$inferInsert"][],
  options: UpsertOptions = {},
): Promise<UpsertCounts & { ids: Map<string, string>; failed: RecordFailure[] }> {
  const batchSize = options.batchSize ?? 500;
  const counts: UpsertCounts = { created: 0, updated: 0, unchanged: 0 };
  const ids = new Map<string, string>();
  const failed: RecordFailure[] = [];
  const statement = upsertStatement(spec, options.omit ?? []);
  const apply = async (batch: T["$inferInsert"][]) => {
    const written = await queryRows<{ id: string; number: string; inserted: boolean }>(db, statement(batch));
    for (const w of written) {
      ids.set(w.number, w.id);
      if (w.inserted) counts.created++;
      else counts.updated++;
    }
    counts.unchanged += batch.length - written.length;
  };
  for (let i = 0; i < rows.length; i += batchSize) {
    const batch = rows.slice(i, i + batchSize);
    if (i > 0) await options.between?.();
    try {
      await apply(batch);
    } catch (e) {
      if (batch.length === 1) failed.push({ number: numberOf(spec, batch[0]!), error: failureReason(e) });
      else
        for (const row of batch) {
          try {
            await apply([row]);
          } catch (one) {
            failed.push({ number: numberOf(spec, row), error: failureReason(one) });
          }
        }
    }
  }
  return { ...counts, ids, failed };
}

function numberOf<T extends PgTable>(spec: RecordTable<T>, row: T["$inferInsert"]): string {
  const columns = getTableColumns(spec.table);
  const prop = Object.keys(columns).find((p) => columns[p] === spec.number);
  const value = (row as Record<string, string | number | undefined>)[prop ?? ""];
  return value === undefined ? "?" : String(value);
}

/** The batch upsert statement for `spec`, as a function of the batch. */
function upsertStatement<T extends PgTable>(spec: RecordTable<T>, omit: string[]) {
  const columns = getTableColumns(spec.table);
  const kept = new Set([spec.connectionId.name, spec.number.name, spec.seenAt.name, "id"]);
  const omitted = new Set(omit);
  // Every other column is refreshed from the incoming row; a record that comes back after a
  // reconcile marked it deleted is undeleted.
  const set: Record<string, SQL> = {};
  for (const [prop, col] of Object.entries(columns)) {
    if (kept.has(col.name) || omitted.has(prop)) continue;
    set[prop] = col.name === spec.deletedAt.name ? sql`null` : sql.raw(`excluded."${col.name}"`);
  }
  const setSql = sql.join(
    Object.entries(set).map(([prop, value]) => sql`${sql.identifier(columns[prop]!.name)} = ${value}`),
    sql`, `,
  );
  return (batch: T["$inferInsert"][]): SQL => {
    // The batch travels as one JSON parameter that PostgreSQL unpacks (jsonb_to_recordset): far
    // cheaper than thousands of bound parameters, on both drivers. Strings are made storable
    // first: PostgreSQL's text and jsonb cannot hold U+0000 (lib/input/text.ts).
    const props = Object.keys(batch[0] as object).filter((p) => columns[p]);
    const cols = props.map((p) => columns[p]!);
    const json = JSON.stringify(cleanJson(batch.map((r) => Object.fromEntries(props.map((p, k) => [cols[k]!.name, (r as Record<string, unknown>)[p] ?? null])))));
    const names = sql.join(cols.map((c) => sql.identifier(c.name)), sql`, `);
    const shape = sql.raw(cols.map((c) => `"${c.name}" ${c.getSQLType()}`).join(", "));
    return sql`insert into ${spec.table} (${names})
          select ${names} from jsonb_to_recordset(${json}::jsonb) as x(${shape})
          on conflict (${sql.identifier(spec.connectionId.name)}, ${sql.identifier(spec.number.name)}) do update set ${setSql}
          where ${spec.raw} is distinct from excluded.${sql.identifier(spec.raw.name)} or ${spec.deletedAt} is not null
          returning id, ${sql.identifier(spec.number.name)}::text as number, (xmax = 0) as inserted`;
  };
}

/** Stamp records a full listing saw; after the listing, older stamps mean deleted in Fortnox. */
export async function markSeen<T extends PgTable>(db: Executor, spec: RecordTable<T>, connectionId: string, numbers: string[], at: Date): Promise<void> {
  if (numbers.length === 0) return;
  await db
    .update(spec.table)
    // Every record table names the column `seenAt` (lib/db/schema/records.ts).
    .set({ seenAt: at } as never)
    .where(and(eq(spec.connectionId, connectionId), inArray(spec.number, numbers)));
}
