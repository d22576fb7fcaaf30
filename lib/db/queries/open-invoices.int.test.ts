import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createConnection, seedInvoices, TODAY } from "@/lib/testing/browse-records";
import { testDatabases, type TestDatabase } from "@/lib/testing/databases";
import { firstStatement, planWithout } from "@/lib/testing/plans";

import { countInvoices, parseInvoiceQuery } from "./invoices";

/**
 * With sequential and bitmap scans priced out, a test table of a few hundred rows is planned as 100 000
 * would be: through an index whenever one can answer.
 */
const INDEX_ONLY = ["enable_seqscan", "enable_bitmapscan"];

describe.each(testDatabases())("invoice lists counted from an index alone on $name", (factory) => {
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
    expect(await planWithout(t.handle, statement, INDEX_ONLY)).toMatch(/Index Only Scan using invoices_connection_open_due_idx/);
  });

  it("a date range is counted from the date index alone, deleted invoices left out there", async () => {
    const statement = await firstStatement(t.handle, () => countInvoices(t.handle.db, a, parseInvoiceQuery({ from: "2025-01-01", to: TODAY }), TODAY));
    // Every list excludes deleted invoices: without deleted_at in the index, each counted row is read from the table.
    expect(await planWithout(t.handle, statement, INDEX_ONLY)).toMatch(/Index Only Scan using invoices_connection_date_idx/);
  });
});
