import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { queryRows } from "@/lib/db/raw";
import { createConnection, seedInvoices } from "@/lib/testing/browse-records";
import { testDatabases, type TestDatabase } from "@/lib/testing/databases";

import { emptyCounts } from "./runs";
import { refreshStatistics } from "./statistics";

const changed = (created: number, updated = 0) => ({ ...emptyCounts(), created, updated });

describe.each(testDatabases())("planner statistics after a sync on $name", (factory) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await factory.create();
  });
  afterAll(async () => {
    await t?.dispose();
  });

  const plannerRows = async (table: string) =>
    (await queryRows<{ n: number }>(t.handle.db, sql`select reltuples::float8 as n from pg_class where oid = to_regclass(${table})`))[0]!.n;

  it("vacuums and analyzes on PGlite what a run changed past autovacuum's threshold, and leaves PostgreSQL to autovacuum", async () => {
    const db = t.handle.db;
    const a = await createConnection(db, 7001, "Statistik AB");
    await seedInvoices(db, a, 400, "S");
    const analyzed = await refreshStatistics(db, { invoices: changed(400), customers: changed(3) });
    if (t.name === "pg") {
      expect(analyzed).toEqual([]);
      return;
    }
    // Customers: 3 changes are under the 50-row base threshold, so only the invoice tables, with
    // the customer names their trigger wrote (a name search reads them, drizzle/0014).
    expect(analyzed).toEqual(["invoices", "invoice_customer_names", "invoice_rows"]);
    expect(await plannerRows("invoices")).toBe(400);
    const [names] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from invoice_customer_names`);
    expect(names!.n).toBeGreaterThan(0);
    expect(await plannerRows("invoice_customer_names")).toBe(names!.n);
    // Vacuumed, its trigram index has merged the names the trigger added: no pending pages left to clean.
    const [pending] = await queryRows<{ pages: number }>(db, sql`select gin_clean_pending_list('invoice_customer_names_trgm_idx'::regclass)::int as pages`);
    expect(pending!.pages).toBe(0);
    expect(await plannerRows("customers")).toBe(-1);
    // Vacuumed as well: its pages are marked all-visible, which index-only counts rely on.
    const [pages] = await queryRows<{ relpages: number; relallvisible: number }>(db, sql`select relpages, relallvisible from pg_class where oid = 'invoices'::regclass`);
    expect(pages!.relpages).toBeGreaterThan(0);
    expect(pages!.relallvisible).toBe(pages!.relpages);

    // 30 more, of 400 known: under 50 + 10 % of 400, as autovacuum would wait too. (The empty
    // invoice_rows table is judged by the same changes against its own size, 0, so it is analyzed;
    // so is the names table, whose few dozen names the 60 changes pass.)
    await seedInvoices(db, await createConnection(db, 7002, "Statistik Två AB"), 30, "T");
    expect(await refreshStatistics(db, { invoices: changed(30, 30) })).toEqual(["invoice_customer_names", "invoice_rows"]);
    expect(await plannerRows("invoices")).toBe(400);
    // 100 changed rows of 430 pass it.
    expect(await refreshStatistics(db, { invoices: changed(30, 70) })).toContain("invoices");
    expect(await plannerRows("invoices")).toBe(430);
  });
});
