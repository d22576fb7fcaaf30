import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { DatabaseHandle } from "@/lib/db/client";
import { createConnection, seedInvoices, TODAY } from "@/lib/testing/browse-records";
import { testDatabases, type TestDatabase } from "@/lib/testing/databases";

import { countInvoices, parseInvoiceQuery } from "./invoices";

type Statement = { text: string; params: unknown[] };
type Queryable = { query: (...args: unknown[]) => Promise<unknown> };

/** The first statement `run` sends through the handle's driver, as sent (text and parameters). */
async function firstStatement(handle: DatabaseHandle, run: () => Promise<unknown>): Promise<Statement> {
  const driver = (handle.pglite ?? handle.pool) as unknown as Queryable;
  const original = driver.query;
  let seen: Statement | undefined;
  driver.query = (...args: unknown[]) => {
    const [first, params] = args as [string | { text: string; values?: unknown[] }, unknown[] | undefined];
    seen ??= typeof first === "string" ? { text: first, params: params ?? [] } : { text: first.text, params: params ?? first.values ?? [] };
    return original.apply(driver, args);
  };
  try {
    await run();
  } finally {
    driver.query = original;
  }
  if (!seen) throw new Error("no statement was sent");
  return seen;
}

/**
 * The plan of `statement` with sequential and bitmap scans priced out, so a test table of a few
 * hundred rows is planned as 100 000 would be: through an index whenever one can answer.
 */
async function indexPlan(handle: DatabaseHandle, statement: Statement): Promise<string> {
  const off = "set enable_seqscan = off; set enable_bitmapscan = off";
  const reset = "reset enable_seqscan; reset enable_bitmapscan";
  const lines = (rows: Record<string, unknown>[]) => rows.map((r) => String(r["QUERY PLAN"])).join("\n");
  if (handle.pglite) {
    await handle.pglite.exec(off);
    try {
      return lines((await handle.pglite.query<Record<string, unknown>>(`explain ${statement.text}`, statement.params)).rows);
    } finally {
      await handle.pglite.exec(reset);
    }
  }
  const client = await handle.pool!.connect();
  try {
    await client.query(off);
    return lines((await client.query<Record<string, unknown>>(`explain ${statement.text}`, statement.params)).rows);
  } finally {
    await client.query(reset).catch(() => undefined);
    client.release();
  }
}

describe.each(testDatabases())("the unpaid and overdue invoice lists on $name", (factory) => {
  let t: TestDatabase;
  let a: string;
  beforeAll(async () => {
    t = await factory.create();
    a = await createConnection(t.handle.db, 9301, "Öppna AB");
    await seedInvoices(t.handle.db, a, 400, "O");
    // Index-only scans need the pages marked all-visible: autovacuum does it on PostgreSQL, the
    // sync's statistics step on PGlite (lib/sync/statistics.ts).
    await t.handle.db.execute(sql`vacuum analyze invoices`);
  });
  afterAll(async () => t?.dispose());

  it.each(["unpaid", "overdue"])("are counted from their partial index alone, without reading the table (%s)", async (status) => {
    const statement = await firstStatement(t.handle, () => countInvoices(t.handle.db, a, parseInvoiceQuery({ status }), TODAY));
    // The list's conditions must imply the index's predicate (both are openInvoice, in
    // lib/db/schema/records.ts); a list that drops one of its terms reads the table instead.
    expect(await indexPlan(t.handle, statement)).toMatch(/Index Only Scan using invoices_connection_open_due_idx/);
  });
});
