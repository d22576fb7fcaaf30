import { asc, eq, sql } from "drizzle-orm";
import { bigint, boolean, date, integer, numeric, PgDialect, pgEnum, pgTable, smallint, text as textColumn, uuid, varchar } from "drizzle-orm/pg-core";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Database } from "@/lib/db/client";
import { articles, customers, invoices } from "@/lib/db/schema";
import { createConnection, TODAY } from "@/lib/testing/browse-records";
import { testDatabases, type TestDatabase } from "@/lib/testing/databases";
import { NASTY } from "@/lib/testing/hostile";
import { firstStatement, planNodes, planTree, planWithout } from "@/lib/testing/plans";

import { ARTICLE_SORTS, iterateArticles, listArticlesCounted, parseArticleQuery } from "./articles";
import { CUSTOMER_SORTS, iterateCustomers, listCustomersCounted, parseCustomerQuery } from "./customers";
import { INVOICE_SORTS, iterateInvoices, listInvoicesCounted, parseInvoiceQuery } from "./invoices";
import { jsonRow, UnsupportedJsonColumnError } from "./json-rows";

/*
 * The lists read their rows as JSON (./json-rows.ts). Whatever is stored, each list row must equal
 * what drizzle gives for the same columns read the ordinary way: cursors, CSV cells and the
 * browser's rows are built from these values. Hostile text (quotes, backslashes, JSON look-alikes,
 * control characters, right-to-left marks), numbers at the columns' limits and NaN, old and far
 * dates, and nulls wherever a column allows them.
 */

// PostgreSQL stores neither NUL nor a lone surrogate: those never reach a list.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const storable = (s: string) => !s.includes("\u0000") && !LONE_SURROGATE.test(s);
const text = fc.oneof(fc.constantFrom(...NASTY.filter(storable)), fc.string({ unit: "grapheme", maxLength: 30 }), fc.string({ unit: "binary", maxLength: 20 }).filter(storable), fc.constantFrom('{"a":1}', '"', "\\u0041", "\u2028", "\u0001", "]", "null"));
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });
/** numeric(16, 2) and (16, 3) as numbers, NaN included (PostgreSQL's numeric has one). */
const money = fc.oneof({ weight: 9, arbitrary: fc.integer({ min: -(10 ** 15) + 1, max: 10 ** 15 - 1 }).map((c) => c / 100) }, { weight: 1, arbitrary: fc.constant(Number.NaN) });
const quantity = fc.integer({ min: -(10 ** 15) + 1, max: 10 ** 15 - 1 }).map((m) => m / 1000);
const day = fc.date({ min: new Date("0001-01-01T00:00:00Z"), max: new Date("9999-12-31T00:00:00Z"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

/** A bigint count of thousandths as numeric text: -12345n → "-12.345". */
function thousandths(v: bigint): string {
  const digits = (v < 0n ? -v : v).toString().padStart(4, "0");
  return `${v < 0n ? "-" : ""}${digits.slice(0, -3)}.${digits.slice(-3)}`;
}

/** Everything a list page reads, the ordinary way, as the records it came from. */
const pick = (record: Record<string, unknown>, keys: string[]) => Object.fromEntries(keys.map((k) => [k, record[k]]));

async function all<R>(batches: AsyncGenerator<R[], void>): Promise<R[]> {
  const rows: R[] = [];
  for await (const batch of batches) rows.push(...batch);
  return rows;
}

function expectSameAsDrizzle(listed: Record<string, unknown>[], records: Record<string, unknown>[], columnCount: number) {
  expect(listed).toHaveLength(records.length);
  for (const [i, row] of listed.entries()) {
    expect(Object.keys(row)).toHaveLength(columnCount);
    expect(row).toStrictEqual(pick(records[i]!, Object.keys(row)));
  }
}

describe("jsonRow", () => {
  it("refuses a column whose JSON differs from what its driver gives, when the list is defined", () => {
    expect(() => jsonRow({ syncedAt: invoices.syncedAt })).toThrow(UnsupportedJsonColumnError);
    expect(() => jsonRow({ raw: invoices.raw })).toThrow(/raw: a PgJsonb column/);
    expect(() => jsonRow({ id: invoices.id, total: invoices.total })).not.toThrow();
  });

  it("writes the column references as drizzle writes them, quotes included", () => {
    const odd = pgTable('odd "table"', { id: integer('i"d'), total: numeric("total", { precision: 12, scale: 2 }) });
    const dialect = new PgDialect();
    const drizzles = dialect.sqlToQuery(sql`json_build_array(${odd.id}, ${odd.total}::text)`).sql;
    expect(dialect.sqlToQuery(jsonRow({ id: odd.id, total: odd.total }).sql).sql).toBe(drizzles);
    expect(drizzles).toBe(`json_build_array("odd ""table"""."i""d", "odd ""table"""."total"::text)`);
  });

  it("refuses a column named after its key, whose database name depends on the casing setting", () => {
    const keyed = pgTable("keyed", { documentNumber: integer() });
    expect(() => jsonRow({ documentNumber: keyed.documentNumber })).toThrow(/documentNumber needs its database name/);
  });

  it("refuses more columns than json_build_array takes", () => {
    const columns = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`c${i}`, invoices.id]));
    expect(() => jsonRow(columns(100))).not.toThrow();
    expect(() => jsonRow(columns(101))).toThrow(RangeError);
  });

  it("rejects an answer that is not the row's array", () => {
    const row = jsonRow({ id: invoices.id, total: invoices.total });
    expect(() => row.decode({ id: "x" })).toThrow(TypeError);
    expect(() => row.decode(["x"])).toThrow(TypeError);
    expect(row.decode(["x", "12.50"])).toStrictEqual({ id: "x", total: 12.5 });
  });
});

describe.each(testDatabases())("list rows read as JSON on $name", (factory) => {
  let t: TestDatabase;
  let db: Database;
  let c: string;
  const runs = { numRuns: 12 };

  beforeAll(async () => {
    t = await factory.create();
    db = t.handle.db;
    c = await createConnection(db, 9301, "JSON AB");
  }, 120_000);

  afterAll(async () => {
    await t?.dispose();
  });

  it("every supported column type comes back as drizzle reads it", async () => {
    const kind = pgEnum("json_probe_kind", ["a", "b'c"]);
    const probe = pgTable("json_probe", {
      id: integer("id").primaryKey(),
      key: uuid("key"),
      label: textColumn("label"),
      code: varchar("code", { length: 40 }),
      kind: kind("kind"),
      flag: boolean("flag"),
      small: smallint("small"),
      big: bigint("big", { mode: "number" }),
      amount: numeric("amount", { precision: 16, scale: 2, mode: "number" }),
      exact: numeric("exact", { precision: 20, scale: 3 }),
      day: date("day"),
    });
    await db.execute(sql`create type json_probe_kind as enum ('a', 'b''c')`);
    await db.execute(
      sql`create table json_probe (id int primary key, key uuid, label text, code varchar(40), kind json_probe_kind, flag boolean, small smallint, big bigint, amount numeric(16, 2), exact numeric(20, 3), day date)`,
    );
    const row = {
      key: maybe(fc.uuid()),
      label: maybe(text),
      code: maybe(text.map((s) => s.slice(0, 40))),
      kind: maybe(fc.constantFrom("a" as const, "b'c" as const)),
      flag: maybe(fc.boolean()),
      small: maybe(fc.integer({ min: -32768, max: 32767 })),
      big: maybe(fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER })),
      amount: maybe(money),
      // String mode keeps numeric's scale ("12.500"): the one type sent as text.
      exact: maybe(fc.bigInt({ min: -(10n ** 20n) + 1n, max: 10n ** 20n - 1n }).map(thousandths)),
      day: maybe(day),
    };
    const columns = { id: probe.id, key: probe.key, label: probe.label, code: probe.code, kind: probe.kind, flag: probe.flag, small: probe.small, big: probe.big, amount: probe.amount, exact: probe.exact, day: probe.day };
    const json = jsonRow(columns);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record(row), { minLength: 1, maxLength: 20 }), async (rows) => {
        await db.delete(probe);
        await db.insert(probe).values(rows.map((r, id) => ({ ...r, id })));
        const ordinary = await db.select(columns).from(probe).orderBy(asc(probe.id));
        const viaJson = (await db.select({ row: json.sql }).from(probe).orderBy(asc(probe.id))).map((r) => json.decode(r.row));
        expect(viaJson).toStrictEqual(ordinary);
      }),
      runs,
    );
  }, 120_000);

  it("invoices: pages, searches and exports give every column as drizzle reads it", async () => {
    const invoice = fc.record({
      customerNumber: text.map((s) => `K${s}`),
      customerName: text,
      invoiceDate: maybe(day),
      dueDate: maybe(day),
      currency: text,
      total: money,
      balance: money,
      ocr: maybe(text),
      booked: fc.boolean(),
      cancelled: fc.boolean(),
      credit: fc.boolean(),
      creditInvoiceReference: maybe(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER })),
      sent: fc.boolean(),
    });
    const documentNumbers = fc.uniqueArray(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), { minLength: 1, maxLength: 30 });
    await fc.assert(
      fc.asyncProperty(documentNumbers.chain((ns) => fc.tuple(fc.constant(ns), fc.array(invoice, { minLength: ns.length, maxLength: ns.length }))), async ([numbers, rows]) => {
        await db.delete(invoices).where(eq(invoices.connectionId, c));
        await db.insert(invoices).values(rows.map((r, i) => ({ ...r, connectionId: c, documentNumber: numbers[i]!, raw: {} })));
        const records = await db.select().from(invoices).where(eq(invoices.connectionId, c)).orderBy(asc(invoices.documentNumber));
        const query = parseInvoiceQuery({ sort: "number", dir: "asc" });
        expectSameAsDrizzle(await all(iterateInvoices(db, c, query, TODAY, 7)), records, 15);
        // A search reads its page from the gathered matches (fetchMatched): every row starts with K.
        const { page } = await listInvoicesCounted(db, c, parseInvoiceQuery({ q: "k", sort: "number", dir: "asc", size: "100" }), TODAY);
        expectSameAsDrizzle(page.rows, records, 15);
      }),
      runs,
    );
  }, 120_000);

  it("customers: every column as drizzle reads it", async () => {
    const customer = fc.record({ name: text, organisationNumber: maybe(text), type: maybe(text), email: maybe(text), phone: maybe(text), city: maybe(text), zipCode: maybe(text), active: maybe(fc.boolean()) });
    await fc.assert(
      fc.asyncProperty(fc.array(customer, { minLength: 1, maxLength: 30 }), async (rows) => {
        await db.delete(customers).where(eq(customers.connectionId, c));
        await db.insert(customers).values(rows.map((r, i) => ({ ...r, connectionId: c, customerNumber: String(i + 1), raw: {} })));
        const records = await db.select().from(customers).where(eq(customers.connectionId, c)).orderBy(asc(customers.id));
        const listed = await all(iterateCustomers(db, c, parseCustomerQuery({}), 7));
        listed.sort((a, b) => (a.id < b.id ? -1 : 1));
        expectSameAsDrizzle(listed, records, 10);
        const { page } = await listCustomersCounted(db, c, parseCustomerQuery({ size: "100" }));
        expect(page.rows).toHaveLength(records.length);
      }),
      runs,
    );
  }, 120_000);

  it("articles: every column as drizzle reads it", async () => {
    const article = fc.record({
      description: text,
      type: maybe(text),
      unit: maybe(text),
      salesPrice: maybe(money),
      purchasePrice: maybe(money),
      vat: maybe(fc.integer({ min: -99_999, max: 99_999 }).map((v) => v / 100)),
      quantityInStock: maybe(quantity),
      active: maybe(fc.boolean()),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(article, { minLength: 1, maxLength: 30 }), async (rows) => {
        await db.delete(articles).where(eq(articles.connectionId, c));
        await db.insert(articles).values(rows.map((r, i) => ({ ...r, connectionId: c, articleNumber: `A${i}`, raw: {} })));
        const records = await db.select().from(articles).where(eq(articles.connectionId, c)).orderBy(asc(articles.id));
        const listed = await all(iterateArticles(db, c, parseArticleQuery({}), 7));
        listed.sort((a, b) => (a.id < b.id ? -1 : 1));
        expectSameAsDrizzle(listed, records, 10);
        const { page } = await listArticlesCounted(db, c, parseArticleQuery({ size: "100" }));
        expect(page.rows).toHaveLength(records.length);
      }),
      runs,
    );
  }, 120_000);

  // A sort that no index answers (status, a search's gathered rows) takes in every matching row; the
  // JSON must be built above the page's LIMIT, for the page's rows only (json-rows.ts jsonPage).
  it.each([
    ["invoices sorted by status", () => listInvoicesCounted(db, c, parseInvoiceQuery({ sort: "status" }), TODAY)],
    ["an invoice search sorted by total", () => listInvoicesCounted(db, c, parseInvoiceQuery({ q: "k", sort: "total" }), TODAY)],
    ["customers sorted by city", () => listCustomersCounted(db, c, parseCustomerQuery({ sort: "city", dir: "desc" }))],
    ["articles sorted by stock", () => listArticlesCounted(db, c, parseArticleQuery({ sort: "stock" }))],
  ] as const)("%s: JSON is built for the page's rows only, above its LIMIT", async (_name, list) => {
    const plan = await planTree(t.handle, await firstStatement(t.handle, list));
    const buildsJson = (node: { Output?: string[] }) => (node.Output ?? []).some((expr) => expr.includes("json_build_array"));
    expect(planNodes(plan).some(buildsJson)).toBe(true);
    const limits = planNodes(plan).filter((node) => node["Node Type"] === "Limit");
    expect(limits.length).toBeGreaterThan(0);
    for (const limit of limits) expect(planNodes(limit).filter(buildsJson)).toEqual([]);
  });

  // A sort marked `indexed` (keyset.ts) is read in one query level, trusting an index to give its
  // order; every other sort is read through jsonPage's subquery. With sorting priced out, a sort
  // no index answers still plans a Sort node: a wrong mark fails here.
  it.each([
    ...INVOICE_SORTS.map((sort) => [`invoices by ${sort}`, () => listInvoicesCounted(db, c, parseInvoiceQuery({ sort }), TODAY)] as const),
    ...CUSTOMER_SORTS.map((sort) => [`customers by ${sort}`, () => listCustomersCounted(db, c, parseCustomerQuery({ sort }))] as const),
    ...ARTICLE_SORTS.map((sort) => [`articles by ${sort}`, () => listArticlesCounted(db, c, parseArticleQuery({ sort }))] as const),
  ])("%s: read in one level only where an index gives the order", async (_name, list) => {
    const statement = await firstStatement(t.handle, list);
    const oneLevel = !/\bfrom \(select\b/.test(statement.text);
    const plan = await planWithout(t.handle, statement, ["enable_seqscan", "enable_bitmapscan", "enable_sort", "enable_incremental_sort"]);
    if (oneLevel) expect(plan).not.toMatch(/\bSort\b/);
    else expect(plan).toMatch(/\bSort\b/);
  });
});
