import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Database } from "@/lib/db/client";
import { articles, customers, invoices, naturalKey, naturalKeyOf } from "@/lib/db/schema";
import { queryRows } from "@/lib/db/raw";
import { createConnection, seedArticles, seedCustomers, seedInvoices, TODAY } from "@/lib/testing/browse-records";
import { testDatabases, type TestDatabase } from "@/lib/testing/databases";

import { ARTICLE_SORTS, getArticle, iterateArticles, listArticles, parseArticleQuery } from "./articles";
import { CUSTOMER_SORTS, getCustomer, iterateCustomers, listCustomers, parseCustomerQuery } from "./customers";
import { getMonthlyInvoiced, getPaymentSummary, getRecordCounts, getTopCustomers } from "./dashboard";
import { getInvoice, INVOICE_SORTS, iterateInvoices, listInvoices, parseInvoiceQuery } from "./invoices";
import type { Page } from "./keyset";

type Params = Record<string, string>;
type Lister<R> = (params: Params) => Promise<Page<R>>;

/** Walk every page forwards, then every page backwards from the end; both must give the same rows. */
async function walk<R extends { id: string }>(list: Lister<R>, params: Params) {
  const forward: R[] = [];
  const pages: Page<R>[] = [];
  let page = await list({ ...params, size: "10" });
  expect(page.prev).toBeNull();
  for (;;) {
    pages.push(page);
    forward.push(...page.rows);
    if (!page.next) break;
    page = await list({ ...params, size: "10", after: page.next });
  }
  const backward: R[] = [...page.rows];
  while (page.prev) {
    page = await list({ ...params, size: "10", before: page.prev });
    backward.unshift(...page.rows);
  }
  return { forward, backward, pages };
}

const ids = (rows: { id: string }[]) => rows.map((r) => r.id);

describe.each(testDatabases())("browse queries on $name", (factory) => {
  let t: TestDatabase;
  let db: Database;
  let a: string;
  let b: string;
  let seeded: { invoices: Awaited<ReturnType<typeof seedInvoices>>; customers: Awaited<ReturnType<typeof seedCustomers>>; articles: Awaited<ReturnType<typeof seedArticles>> };
  let foreignIds: Set<string>;

  const invoicesOf = (connectionId: string) => (p: Params) => listInvoices(db, connectionId, parseInvoiceQuery(p), TODAY);
  const customersOf = (connectionId: string) => (p: Params) => listCustomers(db, connectionId, parseCustomerQuery(p));
  const articlesOf = (connectionId: string) => (p: Params) => listArticles(db, connectionId, parseArticleQuery(p));

  beforeAll(async () => {
    t = await factory.create();
    db = t.handle.db;
    a = await createConnection(db, 9001, "A AB");
    b = await createConnection(db, 9002, "B AB");
    seeded = { invoices: await seedInvoices(db, a, 95, "A"), customers: await seedCustomers(db, a, 30, "A"), articles: await seedArticles(db, a, 27, "A") };
    await seedInvoices(db, b, 40, "B");
    await seedCustomers(db, b, 20, "B");
    await seedArticles(db, b, 20, "B");
    const all = async <R extends { id: string }>(list: Lister<R>) => ids((await walk(list, {})).forward);
    foreignIds = new Set([...(await all(invoicesOf(b))), ...(await all(customersOf(b))), ...(await all(articlesOf(b)))]);
  });
  afterAll(async () => t?.dispose());

  it("lists only live invoices of the connection, newest first by default", async () => {
    const { forward } = await walk(invoicesOf(a), {});
    const live = seeded.invoices.filter((i) => !i.deletedAt).map((i) => i.documentNumber);
    expect(forward.map((r) => r.documentNumber).sort((x, y) => x - y)).toEqual(live);
    expect(forward.some((r) => foreignIds.has(r.id))).toBe(false);
    const dated = forward.filter((r) => r.invoiceDate !== null).map((r) => r.invoiceDate!);
    expect(dated).toEqual([...dated].sort().reverse());
    // Descending puts unknown dates first (PostgreSQL's default), and paging keeps them.
    expect(forward[0]!.invoiceDate).toBeNull();
  });

  it.each(INVOICE_SORTS.flatMap((s) => [`${s}:asc`, `${s}:desc`]))("pages invoices sorted by %s both ways with no duplicates or gaps", async (key) => {
    const [sort, dir] = key.split(":") as [string, string];
    const params = { sort, dir };
    const oneBatch = (await iterateInvoices(db, a, parseInvoiceQuery(params), TODAY, 10_000).next()).value!;
    const { forward, backward } = await walk(invoicesOf(a), params);
    expect(ids(forward)).toEqual(ids(oneBatch));
    expect(ids(backward)).toEqual(ids(forward));
    expect(new Set(ids(forward)).size).toBe(forward.length);
    if (sort === "total") {
      const totals = forward.map((r) => r.total);
      expect(totals).toEqual([...totals].sort((x, y) => (dir === "asc" ? x - y : y - x)));
    }
  });

  it("searches invoices by document number, customer name and number, and OCR", async () => {
    const all = async (q: string) => (await walk(invoicesOf(a), { q })).forward;
    const live = seeded.invoices.filter((i) => !i.deletedAt);
    const expected = live.filter((i) => String(i.documentNumber).startsWith("12") || i.customerName.includes("12") || i.customerNumber.startsWith("12") || i.ocr.startsWith("12"));
    expect((await all("12")).map((r) => r.documentNumber).sort((x, y) => x - y)).toEqual(expected.map((i) => i.documentNumber));
    expect(expected.map((i) => i.documentNumber)).toContain(12);
    const byName = await all("norrsken");
    expect(byName.length).toBeGreaterThan(0);
    expect(byName.every((r) => /norrsken/i.test(r.customerName))).toBe(true);
    const ocr = seeded.invoices[40]!.ocr;
    expect((await all(ocr)).map((r) => r.documentNumber)).toEqual([41]);
    // LIKE wildcards in the search are literal.
    expect((await all("_Procent%")).every((r) => r.customerName.includes("_Procent%"))).toBe(true);
    expect((await all("%")).every((r) => r.customerName.includes("%"))).toBe(true);
    expect(await all("K_ffe")).toEqual([]);
  });

  it("filters invoices by payment state, booked, date range and customer", async () => {
    const rows = async (p: Params) => (await walk(invoicesOf(a), p)).forward;
    const live = seeded.invoices.filter((i) => !i.deletedAt);
    const numbers = (list: { documentNumber: number }[]) => list.map((r) => r.documentNumber).sort((x, y) => x - y);
    expect(numbers(await rows({ status: "paid" }))).toEqual(numbers(live.filter((i) => i.balance === 0 && !i.cancelled)));
    expect(numbers(await rows({ status: "unpaid" }))).toEqual(numbers(live.filter((i) => i.balance !== 0 && !i.cancelled)));
    expect(numbers(await rows({ status: "overdue" }))).toEqual(numbers(live.filter((i) => i.balance !== 0 && !i.cancelled && i.dueDate !== null && i.dueDate < TODAY)));
    expect(numbers(await rows({ status: "cancelled" }))).toEqual(numbers(live.filter((i) => i.cancelled)));
    expect(numbers(await rows({ booked: "booked" }))).toEqual(numbers(live.filter((i) => i.booked)));
    expect(numbers(await rows({ booked: "unbooked" }))).toEqual(numbers(live.filter((i) => !i.booked)));
    const ranged = live.filter((i) => i.invoiceDate !== null && i.invoiceDate >= "2025-10-01" && i.invoiceDate <= "2025-12-31");
    expect(ranged.length).toBeGreaterThan(3);
    expect(numbers(await rows({ from: "2025-10-01", to: "2025-12-31" }))).toEqual(numbers(ranged));
    expect(numbers(await rows({ customer: "3", status: "unpaid" }))).toEqual(numbers(live.filter((i) => i.customerNumber === "3" && i.balance !== 0 && !i.cancelled)));
    // Bad values fall back to "no filter" instead of failing the page.
    expect((await rows({ status: "bogus", from: "2026-02-30", size: "7" })).length).toBe(live.length);
  });

  it("searches, filters and pages customers; null active counts as active", async () => {
    const rows = async (p: Params) => (await walk(customersOf(a), p)).forward;
    const live = seeded.customers.filter((c) => !c.deletedAt);
    const numbers = (list: { customerNumber: string }[]) => list.map((c) => c.customerNumber).sort();
    expect(numbers(await rows({}))).toEqual(numbers(live));
    expect(numbers(await rows({ active: "active" }))).toEqual(numbers(live.filter((c) => c.active !== false)));
    expect(numbers(await rows({ active: "inactive" }))).toEqual(numbers(live.filter((c) => c.active === false)));
    expect(numbers(await rows({ type: "PRIVATE" }))).toEqual(numbers(live.filter((c) => c.type === "PRIVATE")));
    expect(numbers(await rows({ type: "COMPANY" }))).toEqual(numbers(live.filter((c) => c.type === "COMPANY")));
    const orgno = live[1]!.organisationNumber;
    expect(numbers(await rows({ q: orgno }))).toEqual([live[1]!.customerNumber]);
    expect(numbers(await rows({ q: orgno.replace("-", "") }))).toEqual([live[1]!.customerNumber]);
    expect(numbers(await rows({ q: "kund4@" }))).toEqual(["4"]);
    expect((await rows({ q: "göteborg" })).every((c) => c.city === "Göteborg")).toBe(true);
    expect(numbers(await rows({ q: "2" }))).toEqual(expect.arrayContaining(["2", "20", "22"]));
    expect(numbers(await rows({ q: "anna" }))).toEqual(numbers(live.filter((c) => c.name.startsWith("Anna"))));
  });

  it.each(CUSTOMER_SORTS.flatMap((s) => [`${s}:asc`, `${s}:desc`]))("pages customers sorted by %s both ways", async (key) => {
    const [sort, dir] = key.split(":") as [string, string];
    const oneBatch = (await iterateCustomers(db, a, parseCustomerQuery({ sort, dir }), 10_000).next()).value!;
    const { forward, backward } = await walk(customersOf(a), { sort, dir });
    expect(ids(forward)).toEqual(ids(oneBatch));
    expect(ids(backward)).toEqual(ids(forward));
  });

  it("searches, filters and pages articles", async () => {
    const rows = async (p: Params) => (await walk(articlesOf(a), p)).forward;
    const live = seeded.articles.filter((x) => !x.deletedAt);
    const numbers = (list: { articleNumber: string }[]) => list.map((x) => x.articleNumber).sort();
    expect(numbers(await rows({}))).toEqual(numbers(live));
    expect(numbers(await rows({ type: "STOCK" }))).toEqual(numbers(live.filter((x) => x.type === "STOCK")));
    expect(numbers(await rows({ type: "SERVICE" }))).toEqual(numbers(live.filter((x) => x.type === "SERVICE")));
    expect(numbers(await rows({ active: "inactive" }))).toEqual(numbers(live.filter((x) => x.active === false)));
    expect(numbers(await rows({ active: "active" }))).toEqual(numbers(live.filter((x) => x.active !== false)));
    expect(numbers(await rows({ stock: "in" }))).toEqual(numbers(live.filter((x) => (x.quantityInStock ?? 0) > 0)));
    expect(numbers(await rows({ stock: "out" }))).toEqual(numbers(live.filter((x) => (x.quantityInStock ?? 0) <= 0)));
    expect(numbers(await rows({ q: "a01" }))).toEqual(numbers(live.filter((x) => x.articleNumber.startsWith("A01"))));
    expect(numbers(await rows({ q: "skruv" }))).toEqual(numbers(live.filter((x) => x.description.startsWith("Skruv"))));
  });

  it.each(ARTICLE_SORTS.flatMap((s) => [`${s}:asc`, `${s}:desc`]))("pages articles sorted by %s both ways", async (key) => {
    const [sort, dir] = key.split(":") as [string, string];
    const oneBatch = (await iterateArticles(db, a, parseArticleQuery({ sort, dir }), 10_000).next()).value!;
    const { forward, backward } = await walk(articlesOf(a), { sort, dir });
    expect(ids(forward)).toEqual(ids(oneBatch));
    expect(ids(backward)).toEqual(ids(forward));
  });

  it("sorts article and customer numbers as numbers (1, 2, 10), page by page, both ways", async () => {
    const c = await createConnection(db, 9003, "C AB");
    const numbers = ["10", "9", "1", "100", "A-2", "007", "2b", "2a", "B", "20", "3", "0", "11", "1000"];
    const expected = ["0", "1", "2a", "2b", "3", "007", "9", "10", "11", "20", "100", "1000", "A-2", "B"];
    await db.insert(articles).values(numbers.map((n) => ({ connectionId: c, articleNumber: n, description: `Artikel ${n}`, raw: {} })));
    await db.insert(customers).values(numbers.map((n) => ({ connectionId: c, customerNumber: n, name: `Kund ${n}`, raw: {} })));
    for (const dir of ["asc", "desc"]) {
      const order = dir === "asc" ? expected : [...expected].reverse();
      const art = await walk(articlesOf(c), { sort: "number", dir });
      expect(art.forward.map((x) => x.articleNumber)).toEqual(order);
      expect(ids(art.backward)).toEqual(ids(art.forward));
      const cust = await walk(customersOf(c), { sort: "number", dir });
      expect(cust.forward.map((x) => x.customerNumber)).toEqual(order);
      expect(ids(cust.backward)).toEqual(ids(cust.forward));
    }
  });

  it("computes a number's sort key in code exactly as the database does (list cursors hold it)", async () => {
    const tricky = ["0", "000", "007", "12\n3", "12ab34", "٣", "", " 5", "-5", "x9", "99999999999999999999999", "1e3", "Ä1"];
    const c = await createConnection(db, 9004, "D AB");
    await db.insert(articles).values(tricky.map((n) => ({ connectionId: c, articleNumber: n, description: "x", raw: {} })));
    const rows = await queryRows<{ n: string; key: string }>(db, sql`select ${articles.articleNumber} as n, ${naturalKey(articles.articleNumber)} as key from ${articles} where ${articles.connectionId} = ${c}`);
    expect(rows).toHaveLength(tricky.length);
    for (const row of rows) expect(naturalKeyOf(row.n), JSON.stringify(row.n)).toBe(row.key);
  });

  it("ignores a cursor from another sort and survives garbage cursors", async () => {
    const first = await listInvoices(db, a, parseInvoiceQuery({ size: "10" }), TODAY);
    const mixed = await listInvoices(db, a, parseInvoiceQuery({ size: "10", sort: "total", after: first.next! }), TODAY);
    expect(mixed.prev).toBeNull();
    const garbage = await listInvoices(db, a, parseInvoiceQuery({ size: "10", after: "!!not-a-cursor", before: "eyJ4IjoxfQ" }), TODAY);
    expect(ids(garbage.rows)).toEqual(ids(first.rows));
  });

  it("details: the total's rounding (öresavrundning) as Fortnox gave it, and none for zero or an odd value", async () => {
    const roundOffOf = async (value: unknown) => {
      await db.update(invoices).set({ detail: { RoundOff: value } }).where(and(eq(invoices.connectionId, a), eq(invoices.documentNumber, 2)));
      return (await getInvoice(db, a, 2))!.roundOff;
    };
    expect(await roundOffOf(-0.19)).toBe(-0.19);
    expect(await roundOffOf("0.4")).toBe(0.4);
    expect(await roundOffOf(0)).toBeNull();
    expect(await roundOffOf("")).toBeNull();
    expect(await roundOffOf("abc")).toBeNull();
    expect(await roundOffOf(true)).toBeNull();
    expect(await roundOffOf(null)).toBeNull();
    await db.update(invoices).set({ detail: null }).where(and(eq(invoices.connectionId, a), eq(invoices.documentNumber, 2)));
    expect((await getInvoice(db, a, 2))!.roundOff).toBeNull();
  });

  it("details: found for the own connection, null for deleted, unknown and the other connection's numbers", async () => {
    const inv = await getInvoice(db, a, 1);
    expect(inv).toMatchObject({ documentNumber: 1, rows: [] });
    expect(await getInvoice(db, a, 11)).toBeNull();
    expect(await getInvoice(db, a, 9999)).toBeNull();
    expect(await getInvoice(db, a, 96)).toBeNull();
    expect((await getInvoice(db, b, 1))!.id).not.toBe(inv!.id);
    expect(await getCustomer(db, a, "7")).toBeNull();
    expect(await getCustomer(db, a, "25")).toMatchObject({ customerNumber: "25" });
    expect(await getCustomer(db, b, "25")).toBeNull();
    expect(await getArticle(db, a, "A009")).toBeNull();
    expect(await getArticle(db, a, "A025")).toMatchObject({ articleNumber: "A025" });
    expect(await getArticle(db, b, "A025")).toBeNull();
  });

  it("tenant isolation: no list, search, export or dashboard query with A returns B's rows", async () => {
    for (const q of ["", "B", "Kaffe", "1", "kund"]) {
      for (const list of [invoicesOf(a), customersOf(a), articlesOf(a)] as Lister<{ id: string }>[]) {
        const { forward } = await walk(list, q ? { q } : {});
        expect(forward.filter((r) => foreignIds.has(r.id))).toEqual([]);
      }
    }
    const exported = [];
    for await (const batch of iterateInvoices(db, a, parseInvoiceQuery({}), TODAY, 7)) exported.push(...batch);
    for await (const batch of iterateCustomers(db, a, parseCustomerQuery({}), 7)) exported.push(...batch);
    for await (const batch of iterateArticles(db, a, parseArticleQuery({}), 7)) exported.push(...batch);
    expect(exported.length).toBe(seeded.invoices.filter((i) => !i.deletedAt).length + seeded.customers.filter((c) => !c.deletedAt).length + seeded.articles.filter((x) => !x.deletedAt).length);
    expect(exported.filter((r) => foreignIds.has(r.id))).toEqual([]);
    expect(await getRecordCounts(db, b)).toEqual({ invoices: 40 - 3, customers: 20 - 2, articles: 20 - 2 });
    expect((await getTopCustomers(db, a)).every((c) => c.customerName.includes(" A"))).toBe(true);
  });

  it("dashboard: counts, twelve months, payment summary and top customers add up", async () => {
    const live = seeded.invoices.filter((i) => !i.deletedAt && !i.cancelled && i.currency === "SEK");
    expect(await getRecordCounts(db, a)).toEqual({ invoices: 95 - 8, customers: 30 - 4, articles: 27 - 3 });
    const months = await getMonthlyInvoiced(db, a, TODAY);
    expect(months.map((m) => m.month)).toEqual(["2025-04", "2025-05", "2025-06", "2025-07", "2025-08", "2025-09", "2025-10", "2025-11", "2025-12", "2026-01", "2026-02", "2026-03"]);
    const inRange = live.filter((i) => i.invoiceDate !== null && i.invoiceDate >= "2025-04-01" && i.invoiceDate < "2026-04-01");
    expect(months.reduce((s, m) => s + m.count, 0)).toBe(inRange.length);
    expect(months.reduce((s, m) => s + m.amount, 0)).toBeCloseTo(inRange.reduce((s, i) => s + i.total, 0), 2);
    const summary = await getPaymentSummary(db, a, TODAY);
    const overdue = live.filter((i) => i.balance !== 0 && i.dueDate !== null && i.dueDate < TODAY);
    expect(summary.overdue).toEqual({ count: overdue.length, amount: expect.closeTo(overdue.reduce((s, i) => s + i.balance, 0), 2) as number });
    expect(summary.paid.count + summary.unpaid.count + summary.overdue.count).toBe(live.length);
    const top = await getTopCustomers(db, a);
    expect(top.length).toBe(10);
    expect(top.map((c) => c.amount)).toEqual([...top.map((c) => c.amount)].sort((x, y) => y - x));
  });
});
