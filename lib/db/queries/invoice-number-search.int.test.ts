import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Database } from "@/lib/db/client";
import { invoices } from "@/lib/db/schema";
import { createConnection, TODAY } from "@/lib/testing/browse-records";
import { testDatabases, type TestDatabase } from "@/lib/testing/databases";
import { firstStatement, planWithout } from "@/lib/testing/plans";

import { listInvoices, listInvoicesCounted, parseInvoiceQuery } from "./invoices";

/*
 * The invoice search matches customer numbers, OCR numbers and document numbers from their start,
 * in any case, through btree prefix indexes (migration 0015). The cases check the rows the list
 * query finds, and that the query is written in the form those indexes can answer: among 12,000
 * invoices, with sequential scans priced out, its plan reads each of them. An ILIKE would match
 * the same rows, and leave every search scanning the company's invoices.
 */
describe.each(testDatabases())("invoice search by number on $name", (factory) => {
  let t: TestDatabase;
  let db: Database;
  let a: string;
  let b: string;
  let large: string;

  // Names without digits, dashes or the letters searched for: only the number arms can match.
  const write = (connectionId: string, documentNumber: number, customerNumber: string, ocr: string, customerName: string) =>
    db.insert(invoices).values({ connectionId, documentNumber, customerNumber, ocr, customerName, total: 100, balance: 0, raw: { documentNumber } });
  const search = async (connectionId: string, q: string) => (await listInvoices(db, connectionId, parseInvoiceQuery({ q, size: "100" }), TODAY)).rows.map((r) => r.documentNumber).sort((x, y) => x - y);

  beforeAll(async () => {
    t = await factory.create();
    db = t.handle.db;
    a = await createConnection(db, 9201, "A AB");
    b = await createConnection(db, 9202, "B AB");
    await write(a, 4711, "KB-100", "AB12345", "Ljus Mat");
    await write(a, 5000, "kb-200", "9947110", "Sol Te");
    await write(a, 47110, "X-KB-1", "47110", "Mjuk Ost");
    await write(b, 4712, "KB-300", "AB999", "Ljus Mat");
    // Companies with enough invoices, and statistics on them, for the planner to choose by cost
    // (written by the database itself: 12,000 rows through the driver took seconds).
    large = await createConnection(db, 9203, "C AB");
    for (const connectionId of [large, ...(await Promise.all([9204, 9205, 9206].map((n) => createConnection(db, n, `${n} AB`))))]) {
      await db.execute(sql`
        insert into invoices (connection_id, document_number, customer_number, customer_name, ocr, total, balance, raw)
        select ${connectionId}, n, (n % 97)::text, 'Kund ' || (n % 500), n::text || lpad((n * 31)::text, 6, '0'), 100, 0, '{}'::jsonb
        from generate_series(1, 3000) as n`);
    }
    await db.execute(sql`analyze invoices`);
  });
  afterAll(async () => t?.dispose());

  it("matches customer and OCR numbers from their start, in any case", async () => {
    expect(await search(a, "kb-")).toEqual([4711, 5000]);
    expect(await search(a, "KB-1")).toEqual([4711]);
    expect(await search(a, "ab123")).toEqual([4711]);
    // Not in the middle: X-KB-1 and 9947110 start otherwise.
    expect(await search(a, "b-1")).toEqual([]);
    expect(await search(a, "4711")).toEqual([4711, 47110]);
  });

  it("matches document numbers from their start, and never another company's numbers", async () => {
    expect(await search(a, "471")).toEqual([4711, 47110]);
    expect(await search(b, "471")).toEqual([4712]);
    expect(await search(b, "kb-")).toEqual([4712]);
    expect(await search(a, "KB-3")).toEqual([]);
  });

  it("reads LIKE's wildcards in a number search literally", async () => {
    expect(await search(a, "kb_")).toEqual([]);
    expect(await search(a, "%100")).toEqual([]);
  });

  it("asks in the form the prefix indexes answer", async () => {
    // The list page's query: a search gathers its matches (at most the count's cap) and pages them.
    const statement = await firstStatement(t.handle, () => listInvoicesCounted(db, large, parseInvoiceQuery({ q: "1234" }), TODAY));
    // Bitmap scans stay: the arms of the search's OR are combined through them.
    const plan = await planWithout(t.handle, statement, ["enable_seqscan"]);
    for (const index of ["invoices_connection_customer_number_prefix_idx", "invoices_connection_ocr_prefix_idx", "invoices_connection_document_number_prefix_idx"]) {
      expect(plan, index).toContain(index);
    }
  });
});
