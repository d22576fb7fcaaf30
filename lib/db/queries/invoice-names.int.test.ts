import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Database } from "@/lib/db/client";
import { invoiceCustomerNames, invoices } from "@/lib/db/schema";
import { pruneInvoiceCustomerNames } from "@/lib/sync/invoice-names";
import { createConnection, TODAY } from "@/lib/testing/browse-records";
import { testDatabases, type TestDatabase } from "@/lib/testing/databases";

import { listInvoices, parseInvoiceQuery } from "./invoices";

/*
 * The invoice search matches names among the company's distinct customer names, which triggers on
 * `invoices` keep (migration 0014). Each case writes invoices the way the sync does (an upsert on
 * the connection and document number) and searches through the list query.
 */
describe.each(testDatabases())("invoice search by customer name on $name", (factory) => {
  let t: TestDatabase;
  let db: Database;
  let a: string;
  let b: string;

  const write = (connectionId: string, documentNumber: number, customerName: string) =>
    db
      .insert(invoices)
      .values({ connectionId, documentNumber, customerNumber: String(documentNumber), customerName, total: 100, balance: 0, raw: { documentNumber } })
      .onConflictDoUpdate({ target: [invoices.connectionId, invoices.documentNumber], set: { customerName } });
  const search = async (connectionId: string, q: string) => (await listInvoices(db, connectionId, parseInvoiceQuery({ q, size: "100" }), TODAY)).rows.map((r) => r.documentNumber).sort((x, y) => x - y);
  const namesOf = async (connectionId: string) => (await db.select().from(invoiceCustomerNames).where(eq(invoiceCustomerNames.connectionId, connectionId))).map((n) => n.customerName).sort();

  beforeAll(async () => {
    t = await factory.create();
    db = t.handle.db;
    a = await createConnection(db, 9101, "A AB");
    b = await createConnection(db, 9102, "B AB");
  });
  afterAll(async () => t?.dispose());

  it("finds a written invoice by any part of its name, in any case, Swedish letters included", async () => {
    await write(a, 101, "Ängby Åkeri AB");
    expect(await search(a, "ÄNGBY åkeri")).toEqual([101]);
    expect(await search(a, "ngby Å")).toEqual([101]);
    expect(await namesOf(a)).toContain("Ängby Åkeri AB");
  });

  it("finds a renamed invoice by its new name only, and the sync's prune drops the old name", async () => {
    await write(a, 102, "Gamla Namnet AB");
    expect(await search(a, "gamla namnet")).toEqual([102]);
    await write(a, 102, "Nya Namnet AB");
    expect(await search(a, "nya namnet")).toEqual([102]);
    expect(await search(a, "gamla namnet")).toEqual([]);
    expect(await namesOf(a)).toContain("Gamla Namnet AB");
    expect(await pruneInvoiceCustomerNames(db, a)).toBe(1);
    expect(await namesOf(a)).not.toContain("Gamla Namnet AB");
    expect(await search(a, "namnet")).toEqual([102]);
  });

  it("keeps each company's names to itself, in search and in the prune", async () => {
    await write(b, 101, "Hemlig Kund AB");
    expect(await search(a, "hemlig")).toEqual([]);
    expect(await search(b, "hemlig")).toEqual([101]);
    await pruneInvoiceCustomerNames(db, a);
    expect(await namesOf(b)).toEqual(["Hemlig Kund AB"]);
  });

  it("reads LIKE's wildcards in a search literally", async () => {
    await write(a, 103, "100% Kaffe_Bar");
    expect(await search(a, "0% k")).toEqual([103]);
    expect(await search(a, "e_b")).toEqual([103]);
    expect(await search(a, "_")).toEqual([103]);
    expect(await search(a, "kaffe%")).toEqual([]);
  });
});
