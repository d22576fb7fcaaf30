import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { articles, customers, invoices } from "@/lib/db/schema";
import { customersResource } from "@/lib/fortnox/wire";
import { connectTestCompany, registerTestApp, testKeyRing } from "@/lib/testing/connect";
import { testDatabases, type TestDatabase } from "@/lib/testing/databases";
import { startSandbox, type SandboxProcess } from "@/lib/testing/sandbox";
import { engineDeps } from "@/lib/testing/sync";

import type { EngineDeps } from "./context";
import { runSync } from "./engine";
import { RESOURCE_NAMES } from "./resources/types";
import { queueRun, type RunCounts } from "./runs";

/*
 * One odd record never stops a company: Fortnox stores a name with U+0000,
 * which PostgreSQL text and jsonb cannot hold, and can hand out values our columns refuse. The run
 * must succeed, store the rest (articles and invoices after the customers), store the NUL record
 * cleaned, and name the record it could not store on the run.
 */

const RATE = { requests: 25, windowMs: 250 };

describe.each(testDatabases())("hostile records in a sync on $name", (factory) => {
  let sb: SandboxProcess;
  let t: TestDatabase;
  let deps: EngineDeps;
  let connectionId: string;
  let tenantId: number;

  beforeAll(async () => {
    [sb, t] = await Promise.all([startSandbox(["--rate-limit", `${RATE.requests}/${RATE.windowMs}`]), factory.create()]);
    const app = await registerTestApp(sb);
    ({ tenantId } = await sb.control<{ tenantId: number }>("POST", "/databases", { seed: { customers: 30, articles: 10, invoices: 40, seed: 3 } }));
    ({ connectionId } = await connectTestCompany(sb, app, t.handle.db, testKeyRing(), tenantId));
    deps = engineDeps(t.handle.db, sb.url, app, () => tenantId, RATE);
  });
  afterAll(async () => {
    await Promise.all([sb?.stop(), t?.dispose()]);
  });

  it("stores a NUL name cleaned, reports a record the database refuses, and finishes every resource", async () => {
    // Through Fortnox's own API, as a person or another integration would.
    const api = await deps.apiFor(connectionId);
    const created = await api.post("/3/customers", { Customer: { Name: "Nul\u0000 Kaffe AB", City: "Malm\u0000ö" } }, customersResource.one);
    const [invoice] = await sb.control<{ id: string }[]>("GET", `/databases/${tenantId}/records/invoices`);
    // A date no calendar has: the decoder passes the shape, PostgreSQL's date column refuses it.
    await sb.control("PATCH", `/databases/${tenantId}/records/invoices/${invoice!.id}`, { InvoiceDate: "2025-02-30" });

    await queueRun(t.handle.db, connectionId, "full", "manual", [...RESOURCE_NAMES]);
    const run = await runSync(deps, connectionId);
    expect(run?.status).toBe("succeeded");
    expect(run?.errorMessage ?? null).toBeNull();
    const counts = run!.counts as RunCounts;

    const [nul] = await t.handle.db.select().from(customers).where(and(eq(customers.connectionId, connectionId), eq(customers.customerNumber, created.customerNumber)));
    expect(nul).toMatchObject({ name: "Nul Kaffe AB", city: "Malmö" });
    expect(JSON.stringify(nul!.raw)).not.toContain("\\u0000");
    expect(counts.customers).toMatchObject({ fetched: 31, created: 31 });
    expect(counts.customers?.failed ?? 0).toBe(0);

    expect(counts.invoices?.failed).toBe(1);
    expect(counts.invoices?.failures?.map((f) => f.number)).toEqual([String(invoice!.id)]);
    expect(counts.invoices?.failures?.[0]?.error).toMatch(/date|range/i);
    const storedInvoices = await t.handle.db.select({ n: invoices.documentNumber }).from(invoices).where(eq(invoices.connectionId, connectionId));
    expect(storedInvoices).toHaveLength(39);
    expect(storedInvoices.map((i) => String(i.n))).not.toContain(String(invoice!.id));
    expect(await t.handle.db.$count(articles, eq(articles.connectionId, connectionId))).toBe(10);
  });
});
