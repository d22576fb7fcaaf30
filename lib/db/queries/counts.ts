import { sql, type SQL } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";

import { isEmbedded, type Database } from "../client";
import { queryRows } from "../raw";

/*
 * Result counts for lists ("1–25 av 2 500") without a full count(*) over 100 000 invoices on every
 * page view. Counting stops at EXACT_LIMIT + 1 rows, which an index walk answers in milliseconds;
 * past that the list shows the planner's row estimate for the same query, marked as an estimate
 * ("ca 100 000"). EXPLAIN plans the query without running it, on PostgreSQL and PGlite alike.
 *
 * An estimate is remembered for a minute per list and filter (never per page or sort, which do not
 * change the count): paging through 100 000 invoices would otherwise walk 10 001 index entries and
 * plan the query again on every page, for a figure marked as approximate anyway. Exact counts are
 * never remembered, so a record someone just created is counted on the next view.
 */

export const EXACT_LIMIT = 10_000;
/**
 * On PGlite the count runs on the portal's own thread: bench:ui measured counting the 4 700 unpaid
 * of 100 000 invoices at about 4 ms of the portal's CPU per view, so past 2 000 rows the embedded
 * database gives the (remembered) estimate instead.
 */
export const EXACT_LIMIT_EMBEDDED = 2_000;

/** The exact-count cap for `db`'s driver. */
export const exactLimit = (db: Database): number => (isEmbedded(db) ? EXACT_LIMIT_EMBEDDED : EXACT_LIMIT);
const ESTIMATE_TTL_MS = 60_000;
const MAX_REMEMBERED = 2_000;
/** Per database handle (tests open several in one process), keyed by the caller's filter key. */
type Remembered = Map<string, { total: number; until: number }>;
const remembered = new WeakMap<object, Remembered>();

function rememberedEstimate(db: Database, key: string, now: number): number | null {
  const entry = remembered.get(db)?.get(key);
  return entry && entry.until > now ? entry.total : null;
}

function rememberEstimate(db: Database, key: string, total: number, now: number): void {
  let map = remembered.get(db);
  if (!map) {
    map = new Map() as Remembered;
    remembered.set(db, map);
  }
  map.delete(key);
  if (map.size >= MAX_REMEMBERED) map.delete(map.keys().next().value!);
  map.set(key, { total, until: now + ESTIMATE_TTL_MS });
}

/** Forget remembered estimates (tests that change statistics, or a handle being closed). */
export function forgetEstimates(db: Database): void {
  remembered.delete(db);
}

export interface ResultCount {
  total: number;
  /** False: `total` is the planner's estimate (never below the cap + 1 rows that were counted). */
  exact: boolean;
}

/**
 * Rows of `table` matching `where`: exact up to `cap`, an estimate beyond. `key` names the list and
 * its filters (connection included: it scopes the remembered estimate to one company); without
 * one, nothing is remembered.
 */
export async function countRows(db: Database, table: PgTable, where: SQL | undefined, cap = EXACT_LIMIT, key?: string): Promise<ResultCount> {
  const now = Date.now();
  const cacheKey = key === undefined ? undefined : `${cap}\u0000${key}`;
  const known = cacheKey === undefined ? null : rememberedEstimate(db, cacheKey, now);
  if (known !== null) return { total: known, exact: false };
  const capped = db
    .select({ one: sql`1` })
    .from(table)
    .where(where)
    .limit(cap + 1);
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(capped.as("capped"));
  const counted = Number(row?.n ?? 0);
  if (counted <= cap) return { total: counted, exact: true };
  const estimate = await plannedRows(db, db.select({ one: sql`1` }).from(table).where(where).getSQL());
  const total = Math.max(estimate, cap + 1);
  if (cacheKey !== undefined) rememberEstimate(db, cacheKey, total, now);
  return { total, exact: false };
}

/** A list's filter key for countRows: the connection, then the filters in a stable form. */
export function countKey(list: string, connectionId: string, filters: unknown): string {
  return `${list}\u0000${connectionId}\u0000${JSON.stringify(filters)}`;
}

/** The planner's estimate of how many rows `query` returns (0 when the plan cannot be read). */
export async function plannedRows(db: Database, query: SQL): Promise<number> {
  const rows = await queryRows<{ "QUERY PLAN": unknown }>(db, sql`explain (format json) ${query}`);
  const raw = rows[0]?.["QUERY PLAN"];
  // node-postgres parses the json column; PGlite may hand back the text.
  const plan = (typeof raw === "string" ? JSON.parse(raw) : raw) as { Plan?: { "Plan Rows"?: number } }[] | undefined;
  const estimate = plan?.[0]?.Plan?.["Plan Rows"];
  return typeof estimate === "number" && Number.isFinite(estimate) ? Math.round(estimate) : 0;
}

/**
 * Where the shown page starts in the whole list (0-based), from the pager's `from` param. Keyset
 * pages do not know their offset, so the pager carries it; it is only a label, clamped, and a page
 * with no previous page always starts at 0; null when unknown (a link without it).
 */
export function pageStart(raw: string | string[] | undefined, hasPrev: boolean): number | null {
  if (!hasPrev) return 0;
  const value = Array.isArray(raw) ? raw[0] : raw;
  return value && /^\d{1,9}$/.test(value) ? Number(value) : null;
}
