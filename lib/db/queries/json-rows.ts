import { and, getTableName, sql, type SQL, type WithSubquery } from "drizzle-orm";
import { PgDialect, type PgColumn, type PgTable } from "drizzle-orm/pg-core";

import type { Database } from "../client";
import { noCount, type PageFetch } from "./keyset";

/*
 * A list page's rows, each read as one JSON array instead of one wire field per column.
 *
 * Why: on PGlite the portal's own JavaScript decodes every field of the wire protocol, one by one.
 * For the invoice list's 26 rows × 16 columns that decoding was most of the statement's CPU: about
 * 1.7 ms against 0.1 ms of execution. One JSON value per row is parsed natively, and the same
 * statement cost 0.9 ms (README, bench:ui). node-postgres gains the same way, on a smaller scale.
 *
 * The values must come back exactly as drizzle returns the same columns, because cursors, CSV cells
 * and the browser's rows are built from them (json-rows.int.test.ts compares every list both ways).
 * Each value is passed through the column's own driver mapping, as drizzle would, and for every type
 * listed below that mapping gives the same result from PostgreSQL's JSON as from the driver's text
 * (numbers and booleans come as JSON numbers and booleans, NaN as the string "NaN"). Numeric in
 * string mode is the exception: its JSON number would lose the scale ("12.50" → 12.5), so it is
 * sent as text. Types whose JSON form differs in other ways (timestamps, json, floats, bigint as
 * BigInt) are refused when the list is defined, not discovered in a browser.
 */

/** Quotes identifiers exactly as the statements around the JSON row are quoted. */
const dialect = new PgDialect();

/** PostgreSQL passes a function at most 100 arguments. */
const MAX_COLUMNS = 100;

/** Column types read through JSON, and whether the value is sent as text. */
const SUPPORTED: Record<string, "as-is" | "text"> = {
  PgUUID: "as-is",
  PgText: "as-is",
  PgVarchar: "as-is",
  PgEnumColumn: "as-is",
  PgBoolean: "as-is",
  PgSmallInt: "as-is",
  PgInteger: "as-is",
  PgBigInt53: "as-is",
  PgNumericNumber: "as-is",
  PgDateString: "as-is",
  PgNumeric: "text",
};

type Selected<C extends Record<string, PgColumn>> = { [K in keyof C]: C[K]["_"]["notNull"] extends true ? C[K]["_"]["data"] : C[K]["_"]["data"] | null };

export interface JsonRow<Row> {
  /** The row as `json_build_array(…)`, to select in place of the columns. */
  readonly sql: SQL<unknown>;
  /** The columns the JSON is built from, as given: what a page's subquery selects (jsonPage). */
  readonly columns: Record<string, PgColumn>;
  /** The selected value back as the row drizzle would have given for the columns. */
  decode(value: unknown): Row;
}

export class UnsupportedJsonColumnError extends Error {
  constructor(key: string, columnType: string) {
    super(`${key}: a ${columnType} column cannot be read as JSON the way its driver reads it (lib/db/queries/json-rows.ts)`);
    this.name = "UnsupportedJsonColumnError";
  }
}

/** `columns` (as for `db.select`) read as one JSON array per row. Throws for a column type it cannot read faithfully. */
export function jsonRow<C extends Record<string, PgColumn>>(columns: C): JsonRow<Selected<C>> {
  const entries = Object.entries(columns);
  if (entries.length > MAX_COLUMNS) throw new RangeError(`jsonRow: ${entries.length} columns, more than json_build_array takes (${MAX_COLUMNS})`);
  const parts = entries.map(([key, column]) => {
    const how = SUPPORTED[column.columnType];
    if (!how) throw new UnsupportedJsonColumnError(key, column.columnType);
    // A name drizzle derives from the key depends on the database's casing setting: not written here.
    if (column.keyAsName) throw new TypeError(`jsonRow: ${key} needs its database name given in the schema`);
    const ref = `${dialect.escapeName(getTableName(column.table))}.${dialect.escapeName(column.name)}`;
    return how === "text" ? `${ref}::text` : ref;
  });
  return {
    // Written once, as drizzle writes these column references: built from ~30 chunks on every
    // statement, it was a fifth of the time drizzle spent writing a list's SQL.
    sql: sql.raw(`json_build_array(${parts.join(", ")})`),
    columns,
    decode(value) {
      if (!Array.isArray(value) || value.length !== entries.length) throw new TypeError("jsonRow: the database answered something other than the row's JSON array");
      const row: Record<string, unknown> = {};
      for (let i = 0; i < entries.length; i++) {
        const [key, column] = entries[i]!;
        const v: unknown = value[i];
        row[key] = v === null ? null : column.mapFromDriverValue(v);
      }
      return row as Selected<C>;
    },
  };
}

/** Rows selected as `{ row: jsonRow.sql, counted }` (a list source's fetch), decoded. */
export function decodeCounted<Row>(json: JsonRow<Row>, rows: { row: unknown; counted: number | null }[]): (Row & { counted: number | null })[] {
  return rows.map(({ row, counted }) => ({ ...json.decode(row), counted }));
}

/** What a page is read from: a table, or a gathering of its rows named like it (a WITH query). */
export type JsonPageSource = { table: PgTable } | { gathered: WithSubquery };

/**
 * One page of `json` rows: `source`'s rows matching `where`, in `orderBy` order, at most `limit`,
 * with `counted` beside each. The page is chosen in a subquery and only its rows are built into
 * JSON above it. Selected in the same query as an ORDER BY that a sort answers (not an index),
 * PostgreSQL builds the select list before sorting, so the JSON was built for every row the sort
 * took in: sorting 100,000 invoices by status spent ~250 of ~290 ms building arrays it then dropped,
 * and a search's 1,000 gathered invoices ~2 ms. The subquery is named like the table, so the JSON's
 * column references (and `orderBy`'s) read its columns; the outer ORDER BY keeps the page's order.
 */
export async function jsonPage<Row>(db: Database, json: JsonRow<Row>, source: JsonPageSource, page: { where: SQL | undefined; orderBy: SQL[]; limit: number; counted?: SQL<number> }) {
  const fields = { ...json.columns, counted: (page.counted ?? noCount).as("counted") };
  const name = "table" in source ? getTableName(source.table) : source.gathered._.alias;
  const chosen = ("table" in source ? db.select(fields).from(source.table) : db.select(fields).from(source.gathered))
    .where(page.where)
    .orderBy(...page.orderBy)
    .limit(page.limit)
    .as(name);
  const outer = "table" in source ? db.select({ row: json.sql, counted: chosen.counted }) : db.with(source.gathered).select({ row: json.sql, counted: chosen.counted });
  return decodeCounted(json, await outer.from(chosen).orderBy(...page.orderBy));
}

/**
 * A list source's `fetch` (./keyset.ts): `table`'s rows matching `where`, read as `json` rows. In
 * an order an index walks, the scan stops at the LIMIT and builds JSON for the page's rows only, so
 * the page is read in one query level: the subquery of jsonPage cost ~0.4 ms more per page on PGlite.
 * (A filter can still lead the planner to sort instead; the JSON is then built for the rows sorted.)
 */
export function jsonFetch<Row>(db: Database, table: PgTable, json: JsonRow<Row>, where: SQL | undefined): PageFetch<Row> {
  return async (keyset, orderBy, limit, counted, indexed) => {
    if (!indexed) return jsonPage(db, json, { table }, { where: and(where, keyset), orderBy, limit, counted });
    const rows = await db
      .select({ row: json.sql, counted: counted ?? noCount })
      .from(table)
      .where(and(where, keyset))
      .orderBy(...orderBy)
      .limit(limit);
    return decodeCounted(json, rows);
  };
}
