import { sql, type SQL } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";

import { isEmbedded, type Database } from "../client";
import { queryRows } from "../raw";
import { gatedSource, readPage, readPageCounting, type KeysetSource, type Page, type PageQuery } from "./keyset";

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
 * On PGlite the count runs in the portal's own process: counting the 4 700 unpaid of 100 000
 * invoices cost about 4 ms of the portal's CPU per view, so past 2 000 rows the embedded database
 * gives the (remembered) estimate instead.
 */
export const EXACT_LIMIT_EMBEDDED = 2_000;

/** The exact-count cap for `db`'s driver. */
export const exactLimit = (db: Database): number => (isEmbedded(db) ? EXACT_LIMIT_EMBEDDED : EXACT_LIMIT);
const ESTIMATE_TTL_MS = 60_000;
const MAX_REMEMBERED = 2_000;
/** Per database handle (tests open several in one process), keyed by the caller's filter key. */
type Remembered = Map<string, { count: ResultCount; until: number }>;
const remembered = new WeakMap<object, Remembered>();

function rememberedEstimate(db: Database, key: string, now: number): ResultCount | null {
  const entry = remembered.get(db)?.get(key);
  return entry && entry.until > now ? entry.count : null;
}

function rememberEstimate(db: Database, key: string, count: ResultCount, now: number): void {
  let map = remembered.get(db);
  if (!map) {
    map = new Map() as Remembered;
    remembered.set(db, map);
  }
  map.delete(key);
  if (map.size >= MAX_REMEMBERED) map.delete(map.keys().next().value!);
  map.set(key, { count, until: now + ESTIMATE_TTL_MS });
}

/** Forget remembered estimates (tests that change statistics, or a handle being closed). */
export function forgetEstimates(db: Database): void {
  remembered.delete(db);
}

export interface ResultCount {
  total: number;
  /** False: `total` is the planner's estimate, or with `over` the cap that was passed. */
  exact: boolean;
  /** More than `total` rows match, and the planner guessed fewer than were counted: no figure to give. */
  over?: true;
}

/** What to count beside a list: its table and filters, the cap, and the key naming them (countKey). */
export interface Counting {
  table: PgTable;
  where: SQL | undefined;
  cap: number;
  /** The list and its filters, connection included (countKey); without one nothing is remembered. */
  key?: string;
  /**
   * Count and page from one gathering of the matching rows (KeysetSource.fetchMatched) rather than
   * two scans: for searches, whose index finds the rows in no useful order, so the page's own scan
   * cannot stop early anyway and the count would repeat it.
   */
  gather?: boolean;
}

/** At most `cap` + 1 matching rows, counted: an index walk, never the whole table. */
const cappedCount = (db: Database, { table, where, cap }: Counting): SQL<number> =>
  sql<number>`(select count(*)::int from (${db.select({ one: sql`1` }).from(table).where(where).limit(cap + 1)}) as capped)`;

const rememberKey = (c: Counting) => (c.key === undefined ? undefined : `${c.cap}\u0000${c.key}`);

/** `counted` (capped) as the result count: exact up to the cap, else the planner's estimate, remembered. */
async function resultCount(db: Database, c: Counting, counted: number, now: number): Promise<ResultCount> {
  if (counted <= c.cap) return { total: counted, exact: true };
  const estimate = await plannedRows(db, db.select({ one: sql`1` }).from(c.table).where(c.where).getSQL());
  const count = pastTheCap(estimate, c.cap);
  const key = rememberKey(c);
  if (key !== undefined) rememberEstimate(db, key, count, now);
  return count;
}

/**
 * The count of a list that has more than `cap` rows, from the planner's estimate. An estimate at or
 * below what was counted says nothing (the planner misjudges combined conditions): the list then
 * says "more than <cap>" rather than a confident wrong figure.
 */
export function pastTheCap(estimate: number, cap: number): ResultCount {
  return estimate > cap ? { total: estimate, exact: false } : { total: cap, exact: false, over: true };
}

/** Rows matching `c`: exact up to its cap, an estimate beyond (remembered when it has a key). */
export async function countRows(db: Database, c: Counting): Promise<ResultCount> {
  const now = Date.now();
  const known = rememberedCount(db, c, now);
  if (known) return known;
  const [row] = await queryRows<{ n: number }>(db, sql`select ${cappedCount(db, c)} as n`);
  return resultCount(db, c, Number(row?.n ?? 0), now);
}

function rememberedCount(db: Database, c: Counting, now: number): ResultCount | null {
  const key = rememberKey(c);
  return key === undefined ? null : rememberedEstimate(db, key, now);
}

/**
 * A list page and its result count, in one query where it can: the capped count is selected beside
 * the page's rows (PostgreSQL runs the uncorrelated subquery once), which on PGlite saves a whole
 * query's fixed cost on the portal's thread, and on PostgreSQL a round trip. With `gather` (and a
 * source that can), the page is read from the matching rows gathered once and counted there. A
 * remembered estimate is not counted again; a page without rows after a cursor counts on its own.
 * With a `gate` (lib/auth/server-sessions.ts sessionMayRead) every statement reads rows only where
 * it holds; a page without rows is then not counted, and must not be shown as the list's answer.
 */
export async function readCountedPage<Row, S extends string>(db: Database, ungated: KeysetSource<Row, S>, query: PageQuery<S>, c: Counting, gate?: SQL): Promise<{ page: Page<Row>; count: ResultCount }> {
  const source = gate ? gatedSource(ungated, gate) : ungated;
  const now = Date.now();
  const known = rememberedCount(db, c, now);
  if (known) return { page: await readPage(source, query), count: known };
  const gather = c.gather ? source.fetchMatched : undefined;
  const { page, counted } = gather
    ? await readPageCounting(source, query, undefined, (keyset, orderBy, limit) => gather(c.cap, keyset, orderBy, limit))
    : await readPageCounting(source, query, cappedCount(db, c));
  if (counted !== null) {
    // Gathered past the cap, the rows were an arbitrary part of the list: read the page again.
    const count = await resultCount(db, c, counted, now);
    return { page: gather && !count.exact ? await readPage(source, query) : page, count };
  }
  // No rows: with no cursor nothing matches at all; past a cursor the list itself may still have rows.
  // Under a gate no rows may also mean "not yours": nothing more is read (the caller asks the guard).
  return { page, count: query.cursor && !gate ? await countRows(db, c) : { total: 0, exact: true } };
}

/** How a list page is read with its count: the exact-count cap (default: the driver's), and a gate (readCountedPage). */
export interface CountedReadOptions {
  cap?: number;
  gate?: SQL;
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
