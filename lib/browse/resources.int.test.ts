import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Database } from "@/lib/db/client";
import { listArticlesCounted, parseArticleQuery } from "@/lib/db/queries/articles";
import { listCustomersCounted, parseCustomerQuery } from "@/lib/db/queries/customers";
import { listInvoicesCounted, parseInvoiceQuery } from "@/lib/db/queries/invoices";
import { createConnection, seedArticles, seedCustomers, seedInvoices, TODAY } from "@/lib/testing/browse-records";
import { testDatabases, type TestDatabase } from "@/lib/testing/databases";

import { browseEndpoints, type BrowseContext } from "./resources";

/**
 * The JSON lists (app/api/connections/[id]/<list>) answer what the list pages show: the same rows
 * and cursors, read by the same query, with the page's result count. A search through the JSON
 * list once took another query (the page's rows without its count), which walked every invoice in
 * list order looking for matches: 68 ms for a four-digit search among 100,000 invoices, against
 * 8 ms for the page.
 */
describe.each(testDatabases())("JSON lists on $name", (factory) => {
  let t: TestDatabase;
  let db: Database;
  let ctx: BrowseContext;

  beforeAll(async () => {
    t = await factory.create();
    db = t.handle.db;
    const a = await createConnection(db, 9301, "A AB");
    const b = await createConnection(db, 9302, "B AB");
    await seedInvoices(db, a, 60, "A");
    await seedCustomers(db, a, 30, "A");
    await seedArticles(db, a, 27, "A");
    // Another company with more of everything and the same names: neither rows nor counts may include it.
    await seedInvoices(db, b, 90, "A");
    await seedCustomers(db, b, 50, "A");
    await seedArticles(db, b, 45, "A");
    ctx = { db, connectionId: a, today: TODAY };
  });
  afterAll(async () => t?.dispose());

  const search = (params: Record<string, string>) => new URLSearchParams(params);

  it.each<Record<string, string>>([{}, { q: "norrsken" }, { q: "10" }, { status: "unpaid", size: "10" }, { sort: "dueDate", dir: "desc" }, { q: "no such thing" }])("invoices %o: the page's rows and count", async (params) => {
    const json = await browseEndpoints.invoices.list(ctx, search(params));
    const { page, count } = await listInvoicesCounted(db, ctx.connectionId, parseInvoiceQuery(params), TODAY);
    expect(json).toEqual({ ...page, count });
    expect(count.exact).toBe(true);
  });

  it("invoices: the count is the whole list's, across pages", async () => {
    const first = await browseEndpoints.invoices.list(ctx, search({ size: "10" }));
    // 60 seeded, every 11th soft-deleted.
    expect(first.count).toEqual({ total: 55, exact: true });
    expect(first.rows).toHaveLength(10);
    const second = await browseEndpoints.invoices.list(ctx, search({ size: "10", after: first.next! }));
    expect(second.count).toEqual({ total: 55, exact: true });
    expect(second.rows).toHaveLength(10);
  });

  it.each<Record<string, string>>([{}, { q: "A" }, { size: "10" }])("customers and articles %o: the page's rows and count", async (params) => {
    const customers = await listCustomersCounted(db, ctx.connectionId, parseCustomerQuery(params));
    expect(await browseEndpoints.customers.list(ctx, search(params))).toEqual({ ...customers.page, count: customers.count });
    const articles = await listArticlesCounted(db, ctx.connectionId, parseArticleQuery(params));
    expect(await browseEndpoints.articles.list(ctx, search(params))).toEqual({ ...articles.page, count: articles.count });
    expect(customers.count.total).toBeLessThanOrEqual(30);
    expect(articles.count.total).toBeLessThanOrEqual(27);
  });
});
