import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Database } from "@/lib/db/client";
import { customers, invoices } from "@/lib/db/schema";
import { createConnection, seedArticles, seedCustomers, seedInvoices, TODAY } from "@/lib/testing/browse-records";
import { testDatabases, type TestDatabase } from "@/lib/testing/databases";

import { countArticles, listArticles, listArticlesCounted, parseArticleQuery } from "./articles";
import { forgetEstimates, pastTheCap, plannedRows } from "./counts";
import { countCustomers, listCustomers, listCustomersCounted, parseCustomerQuery } from "./customers";
import { countInvoices, iterateInvoices, listInvoices, listInvoicesCounted, parseInvoiceQuery } from "./invoices";

/** Result counts: exact under the cap and equal to what the list itself returns; an estimate, marked, over it. */
describe.each(testDatabases())("result counts on $name", (factory) => {
  let t: TestDatabase;
  let db: Database;
  let a: string;
  let b: string;

  const invoiceRows = async (params: Record<string, string>) => {
    let n = 0;
    for await (const batch of iterateInvoices(db, a, parseInvoiceQuery(params), TODAY, 1000)) n += batch.length;
    return n;
  };

  beforeAll(async () => {
    t = await factory.create();
    db = t.handle.db;
    a = await createConnection(db, 9101, "A AB");
    b = await createConnection(db, 9102, "B AB");
    await seedInvoices(db, a, 95, "A");
    await seedCustomers(db, a, 30, "A");
    await seedArticles(db, a, 27, "A");
    // The other company has more of everything: a count that forgets the connection is too high.
    await seedInvoices(db, b, 140, "B");
    await seedCustomers(db, b, 50, "B");
    await seedArticles(db, b, 45, "B");
  });
  afterAll(async () => t?.dispose());

  it.each<Record<string, string>>([{}, { status: "paid" }, { status: "unpaid" }, { status: "overdue" }, { q: "norrsken" }, { from: "2026-01-01", to: "2026-02-28" }, { q: "no such thing" }])(
    "counts invoices exactly, as many as the list has (%o)",
    async (params) => {
      const count = await countInvoices(db, a, parseInvoiceQuery(params), TODAY);
      expect(count.exact).toBe(true);
      expect(count.total).toBe(await invoiceRows(params));
    },
  );

  it("counts customers and articles of the connection only, without deleted ones", async () => {
    const customers = await countCustomers(db, a, parseCustomerQuery({ size: "100" }));
    expect(customers).toEqual({ total: (await listCustomers(db, a, parseCustomerQuery({ size: "100" }))).rows.length, exact: true });
    expect(customers.total).toBeLessThan(30);
    const services = await countArticles(db, a, parseArticleQuery({ type: "SERVICE" }));
    expect(services.total).toBe((await listArticles(db, a, parseArticleQuery({ type: "SERVICE", size: "100" }))).rows.length);
  });

  it("past the cap it answers the planner's estimate, marked as one and never below what was counted", async () => {
    const count = await countInvoices(db, a, parseInvoiceQuery({}), TODAY, 20);
    expect(count.exact).toBe(false);
    // Without statistics the planner may guess fewer than were counted: then "more than 20".
    expect(count.over ? count.total === 20 : count.total >= 21).toBe(true);
    // Statistics make the estimate close; the exact figure is what the list holds.
    // The estimate from before the statistics is remembered for a minute: forget it to read the new plan.
    await db.execute(sql`analyze invoices`);
    forgetEstimates(db);
    const analysed = await countInvoices(db, a, parseInvoiceQuery({}), TODAY, 20);
    const actual = await invoiceRows({});
    expect(analysed).not.toHaveProperty("over");
    expect(analysed.exact).toBe(false);
    expect(analysed.total).toBeGreaterThan(actual / 3);
    expect(analysed.total).toBeLessThan(actual * 3 + 200);
  });

  it.each<Record<string, string>>([{}, { status: "unpaid" }, { q: "norrsken" }, { q: "no such thing" }, { sort: "total", dir: "asc", size: "10" }])(
    "a counted page is the list's page and its count, read together (%o)",
    async (params) => {
      const query = parseInvoiceQuery(params);
      const counted = await listInvoicesCounted(db, a, query, TODAY);
      expect(counted.page).toEqual(await listInvoices(db, a, query, TODAY));
      expect(counted.count).toEqual(await countInvoices(db, a, query, TODAY));
      expect(counted.count.total).toBe(await invoiceRows(params));
      for (const row of counted.page.rows) expect(row).not.toHaveProperty("counted");
      const customers = parseCustomerQuery({ ...params, size: "10" });
      expect(await listCustomersCounted(db, a, customers)).toEqual({ page: await listCustomers(db, a, customers), count: await countCustomers(db, a, customers) });
      const articles = parseArticleQuery({ q: params.q ?? "", size: "10" });
      expect(await listArticlesCounted(db, a, articles)).toEqual({ page: await listArticles(db, a, articles), count: await countArticles(db, a, articles) });
    },
  );

  it.each<Record<string, string>>([{ q: "AB" }, { q: "norrsken", sort: "status", dir: "desc" }, { q: "1", sort: "total", dir: "asc" }, { q: "A", status: "unpaid", sort: "dueDate" }])(
    "a search is paged and counted from its matches gathered once: every page, both ways, as the list reads it (%o)",
    async (params) => {
      const all = await invoiceRows(params);
      for (const cap of [10_000, 3]) {
        forgetEstimates(db);
        let query = parseInvoiceQuery({ ...params, size: "10" });
        const seen: number[] = [];
        let previous: typeof seen | null = null;
        for (let page = 0; page < 40; page++) {
          const counted = await listInvoicesCounted(db, a, query, TODAY, { cap });
          // Past the cap (3) the gathered rows are a part of the list only: the page is read again.
          expect(counted.page).toEqual(await listInvoices(db, a, query, TODAY));
          expect(counted.count.exact).toBe(all <= cap);
          if (all <= cap) expect(counted.count.total).toBe(all);
          const numbers = counted.page.rows.map((r) => r.documentNumber);
          // And back: this page's "previous" link leads to the page before it.
          if (previous) {
            const back = await listInvoicesCounted(db, a, parseInvoiceQuery({ ...params, size: "10", before: counted.page.prev! }), TODAY, { cap });
            expect(back.page.rows.map((r) => r.documentNumber)).toEqual(previous);
          }
          seen.push(...numbers);
          previous = numbers;
          if (!counted.page.next) break;
          query = parseInvoiceQuery({ ...params, size: "10", after: counted.page.next });
        }
        expect(seen).toHaveLength(all);
        expect(new Set(seen).size).toBe(all);
      }
      expect(all).toBeGreaterThan(10);
    },
  );

  it("a page left empty past its cursor still counts what the list has", async () => {
    const d = await createConnection(db, 9104, "D AB");
    await seedCustomers(db, d, 12, "D");
    const first = await listCustomersCounted(db, d, parseCustomerQuery({ size: "10" }));
    expect(first.page.next).not.toBeNull();
    // What was on the next page goes before the reader gets there.
    const shown = new Set(first.page.rows.map((r) => r.customerNumber));
    await db.update(customers).set({ deletedAt: new Date() }).where(and(eq(customers.connectionId, d), sql`${customers.customerNumber} not in ${[...shown]}`));
    const second = await listCustomersCounted(db, d, parseCustomerQuery({ size: "10", after: first.page.next! }));
    expect(second.page.rows).toEqual([]);
    expect(second.count).toEqual({ total: first.page.rows.length, exact: true });
  });

  it("remembers an estimate per company and filter for a minute, never an exact count", async () => {
    const c = await createConnection(db, 9103, "C AB");
    await seedInvoices(db, c, 60, "C");
    await db.execute(sql`analyze invoices`);
    const first = await countInvoices(db, c, parseInvoiceQuery({}), TODAY, 20);
    expect(first.exact).toBe(false);
    // Every invoice of the company goes; paging through the list (another sort, same filters) keeps
    // the remembered estimate instead of counting again.
    await db.update(invoices).set({ deletedAt: new Date() }).where(eq(invoices.connectionId, c));
    expect(await countInvoices(db, c, parseInvoiceQuery({ sort: "number", dir: "asc" }), TODAY, 20)).toEqual(first);
    // Another company's list with the same filters is its own count, never the remembered one.
    // (It has more than twice as many invoices.)
    const other = await countInvoices(db, b, parseInvoiceQuery({}), TODAY, 20);
    expect(other.exact).toBe(false);
    expect(other.total).toBeGreaterThan(first.total);
    // Another filter is counted afresh; once forgotten, the company's list is counted again.
    expect(await countInvoices(db, c, parseInvoiceQuery({ status: "paid" }), TODAY, 20)).toEqual({ total: 0, exact: true });
    forgetEstimates(db);
    expect(await countInvoices(db, c, parseInvoiceQuery({}), TODAY, 20)).toEqual({ total: 0, exact: true });
  });

  it("past the cap, a planner's guess at or below what was counted is 'more than the cap', not a figure", () => {
    expect(pastTheCap(4, 20)).toEqual({ total: 20, exact: false, over: true });
    expect(pastTheCap(20, 20)).toEqual({ total: 20, exact: false, over: true });
    expect(pastTheCap(21, 20)).toEqual({ total: 21, exact: false });
    expect(pastTheCap(100_033, 2_000)).toEqual({ total: 100_033, exact: false });
  });

  it("never remembers an exact count: a new record is counted on the next view", async () => {
    const before = await countCustomers(db, a, parseCustomerQuery({}));
    expect(before.exact).toBe(true);
    await db.insert(customers).values({ connectionId: a, customerNumber: "C-NEW-1", name: "Ny kund AB", raw: {} });
    expect(await countCustomers(db, a, parseCustomerQuery({}))).toEqual({ total: before.total + 1, exact: true });
  });

  it("a credited original is 'credited', never 'paid'; its credit invoice keeps its own state", async () => {
    const paidBefore = await invoiceRows({ status: "paid" });
    const [original] = await db
      .update(invoices)
      .set({ creditInvoiceReference: 9999, balance: 0, cancelled: false })
      .where(and(eq(invoices.connectionId, a), eq(invoices.documentNumber, 5)))
      .returning();
    await db.update(invoices).set({ credit: true, creditInvoiceReference: 5, balance: 0, cancelled: false }).where(and(eq(invoices.connectionId, a), eq(invoices.documentNumber, 6)));
    const credited = [];
    for await (const batch of iterateInvoices(db, a, parseInvoiceQuery({ status: "credited" }), TODAY)) credited.push(...batch.map((r) => r.documentNumber));
    expect(credited).toEqual(original?.deletedAt ? [] : [5]);
    expect((await countInvoices(db, a, parseInvoiceQuery({ status: "credited" }), TODAY)).total).toBe(credited.length);
    const paidAfter = await invoiceRows({ status: "paid" });
    expect(paidAfter).toBeGreaterThanOrEqual(paidBefore - 1);
    const paid = [];
    for await (const batch of iterateInvoices(db, a, parseInvoiceQuery({ status: "paid" }), TODAY)) paid.push(...batch.map((r) => r.documentNumber));
    expect(paid).not.toContain(5);
  });

  it("reads a plan's row estimate on this driver", async () => {
    expect(await plannedRows(db, sql`select * from generate_series(1, 1000)`)).toBe(1000);
  });
});
