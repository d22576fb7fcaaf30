import { and, sql, type SQL, type SQLWrapper } from "drizzle-orm";

import { encodeCursor, type Cursor, type CursorValue, type ListQuery, type SortDir } from "./list-params";

/*
 * Keyset pagination: a page is "the next N rows after (sort value, tie-breaker)" in the list's
 * order, never OFFSET, so page 4,000 of 100k invoices costs the same as page 1 and rows inserted by
 * a running sync never shift what the reader sees into duplicates or gaps.
 *
 * NULLs follow PostgreSQL's defaults (last when ascending, first when descending), which keeps the
 * ORDER BY identical to a plain btree scan, and a "before" page is the same walk reversed.
 */

export interface SortColumn<Row> {
  expr: SQLWrapper;
  nullable: boolean;
  /** The row's value of `expr`, as stored in a cursor (must compare the same way in SQL). */
  value: (row: Row) => CursorValue;
  /**
   * An index of the list's table walks this order (then the tie-breaker) within a connection, so a
   * page is read in order and the scan stops at its LIMIT. Otherwise every matching row is sorted
   * first, and a fetch keeps per-row work out of the sort (./json-rows.ts jsonPage).
   */
  indexed: boolean;
}

/** A sortable column of a list (SortColumn). */
export function sortColumn<Row>(expr: SQLWrapper, nullable: boolean, value: (row: Row) => CursorValue, { indexed = false } = {}): SortColumn<Row> {
  return { expr, nullable, value, indexed };
}

export interface Page<Row> {
  rows: Row[];
  /** Cursor for the page after this one, or null at the end. */
  next: string | null;
  /** Cursor for the page before this one, or null at the start. */
  prev: string | null;
}

const flip = (dir: SortDir): SortDir => (dir === "asc" ? "desc" : "asc");

/** Rows strictly after (value, tie) when walking in `dir` order. */
function afterCondition(expr: SQLWrapper, tie: SQLWrapper, nullable: boolean, dir: SortDir, value: CursorValue, tieValue: string | number): SQL {
  const op = dir === "asc" ? sql.raw(">") : sql.raw("<");
  if (value === null) {
    const sameNull = sql`(${expr} is null and ${tie} ${op} ${tieValue})`;
    // Ascending puts NULLs last (nothing follows them); descending puts them first.
    return dir === "asc" ? sameNull : sql`(${sameNull} or ${expr} is not null)`;
  }
  const beyond = sql`((${expr}, ${tie}) ${op} (${value}, ${tieValue}))`;
  return nullable && dir === "asc" ? sql`(${beyond} or ${expr} is null)` : beyond;
}

function orderFor(expr: SQLWrapper, tie: SQLWrapper, dir: SortDir): SQL[] {
  return dir === "asc" ? [sql`${expr} asc nulls last`, sql`${tie} asc`] : [sql`${expr} desc nulls first`, sql`${tie} desc`];
}

/** How a page's rows are fetched: the source's `fetch`, or its `fetchMatched` with a cap. */
export type PageFetch<Row> = (keyset: SQL | undefined, orderBy: SQL[], limit: number, counted?: SQL<number>, indexed?: boolean) => Promise<(Row & { counted: number | null })[]>;

/** How one list reads its rows: sortable columns, a unique tie-breaker, and a filtered fetch. */
export interface KeysetSource<Row, S extends string> {
  columns: Record<S, SortColumn<Row>>;
  tie: SQLWrapper;
  tieValue: (row: Row) => string | number;
  /**
   * Fetch up to `limit` rows matching the list's own filters AND `keyset`, in `orderBy` order, each
   * with `counted` selected beside it (the list's result count, ./counts.ts; `noCount` when unasked).
   */
  fetch: PageFetch<Row>;
  /**
   * Optional, for lists whose searches match by indexes in no useful order (the invoice search): the
   * same page read from the list's matching rows gathered once, at most `cap` + 1 of them, with
   * `counted` their number. Counting and paging then share one scan (./counts.ts,
   * readCountedPage). Past the cap the gathered rows are an arbitrary part of the list, and the
   * page must be read again with `fetch`.
   */
  fetchMatched?: (cap: number, keyset: SQL | undefined, orderBy: SQL[], limit: number) => Promise<(Row & { counted: number | null })[]>;
}

/** The `counted` column of a fetch that was not asked to count. */
export const noCount = sql<number | null>`null::int`;

const withoutCount = <Row>({ counted: _counted, ...row }: Row & { counted: number | null }): Row => row as Row;

/**
 * `source` reading only where `gate` holds, in the same statement as the rows (and, for a gathering
 * source, outside the gathered rows, so a false gate stops the statement before it gathers any).
 */
export function gatedSource<Row, S extends string>(source: KeysetSource<Row, S>, gate: SQL): KeysetSource<Row, S> {
  const fetchMatched = source.fetchMatched;
  return {
    ...source,
    fetch: (keyset, orderBy, limit, counted, indexed) => source.fetch(and(keyset, gate), orderBy, limit, counted, indexed),
    fetchMatched: fetchMatched && ((cap, keyset, orderBy, limit) => fetchMatched(cap, and(keyset, gate), orderBy, limit)),
  };
}

export type PageQuery<S extends string> = Pick<ListQuery<S, unknown>, "sort" | "dir" | "cursor" | "size">;

function fetchFrom<Row, S extends string>(source: KeysetSource<Row, S>, query: PageQuery<S>, cursor: Cursor | undefined, limit: number, counted?: SQL<number>, fetch: PageFetch<Row> = source.fetch) {
  const column = source.columns[query.sort];
  // A "before" page walks the list backwards from the cursor; the caller reverses the rows.
  const walk = cursor?.direction === "before" ? flip(query.dir) : query.dir;
  const keyset = cursor ? afterCondition(column.expr, source.tie, column.nullable, walk, cursor.value, cursor.tie) : undefined;
  return fetch(keyset, orderFor(column.expr, source.tie, walk), limit, counted, column.indexed);
}

/** One page with next/previous cursors (see readPageCounting). */
export async function readPage<Row, S extends string>(source: KeysetSource<Row, S>, query: PageQuery<S>): Promise<Page<Row>> {
  return (await readPageCounting(source, query)).page;
}

/**
 * One page with next/previous cursors, and `counted` as the query answered it beside the first row
 * (null without rows or without `counted`). Coming from a "before" cursor there is always a next
 * page (the one we came from) and the extra row tells whether more lie further back; and vice versa.
 */
export async function readPageCounting<Row, S extends string>(source: KeysetSource<Row, S>, query: PageQuery<S>, counted?: SQL<number>, fetch?: PageFetch<Row>): Promise<{ page: Page<Row>; counted: number | null }> {
  const answered = await fetchFrom(source, query, query.cursor, query.size + 1, counted, fetch);
  const count = answered[0]?.counted;
  const fetched = answered.map(withoutCount<Row>);
  const backwards = query.cursor?.direction === "before";
  const more = fetched.length > query.size;
  const rows = fetched.slice(0, query.size);
  if (backwards) rows.reverse();
  const column = source.columns[query.sort];
  const cursorOf = (row: Row) => encodeCursor(query.sort, query.dir, column.value(row), source.tieValue(row));
  const first = rows[0];
  const last = rows.at(-1);
  const hasNext = backwards || more;
  const hasPrev = backwards ? more : query.cursor !== undefined;
  const page = { rows, next: hasNext && last ? cursorOf(last) : null, prev: hasPrev && first ? cursorOf(first) : null };
  return { page, counted: count === undefined || count === null ? null : Number(count) };
}

/** Every row of a list, in order, in keyset batches: exports stream these and never hold the whole list. */
export async function* iterateRows<Row, S extends string>(source: KeysetSource<Row, S>, query: PageQuery<S>, batchSize: number): AsyncGenerator<Row[], void> {
  const column = source.columns[query.sort];
  let cursor: Cursor | undefined;
  for (;;) {
    const rows = (await fetchFrom(source, query, cursor, batchSize)).map(withoutCount<Row>);
    if (rows.length > 0) yield rows;
    const last = rows.at(-1);
    if (!last || rows.length < batchSize) return;
    cursor = { direction: "after", value: column.value(last), tie: source.tieValue(last) };
  }
}
