import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { connections, customers, tenants } from "@/lib/db/schema";
import { testDatabases, type TestDatabase } from "@/lib/testing/databases";

import { upsertRecords, type RecordTable } from "./store";

const spec: RecordTable<typeof customers> = {
  table: customers,
  connectionId: customers.connectionId,
  number: customers.customerNumber,
  raw: customers.raw,
  deletedAt: customers.deletedAt,
  syncedAt: customers.syncedAt,
  seenAt: customers.seenAt,
};

describe.each(testDatabases())("record upserts on $name", (factory) => {
  let t: TestDatabase;
  let connectionId: string;
  beforeAll(async () => {
    t = await factory.create();
    const [tenant] = await t.handle.db.insert(tenants).values({ fortnoxTenantId: 42, organisationNumber: "556677-8899", name: "Upsert AB" }).returning();
    const [c] = await t.handle.db.insert(connections).values({ tenantId: tenant!.id, scopes: [] }).returning();
    connectionId = c!.id;
  });
  afterAll(async () => t?.dispose());

  const row = (n: number, name = `Kund ${n}`) => ({ connectionId, customerNumber: String(n), name, raw: { CustomerNumber: String(n), Name: name } });

  it("counts created, updated and unchanged, and never duplicates", async () => {
    const first = await upsertRecords(t.handle.db, spec, Array.from({ length: 1234 }, (_, i) => row(i + 1)), { batchSize: 500 });
    expect(first).toMatchObject({ created: 1234, updated: 0, unchanged: 0 });
    expect(first.ids.size).toBe(1234);
    const again = await upsertRecords(t.handle.db, spec, [row(1), row(2, "Ändrad AB"), row(5000)]);
    expect(again).toMatchObject({ created: 1, updated: 1, unchanged: 1 });
    const stored = await t.handle.db.select().from(customers).where(eq(customers.connectionId, connectionId));
    expect(stored).toHaveLength(1235);
    expect(stored.find((c) => c.customerNumber === "2")!.name).toBe("Ändrad AB");
  });

  it("undeletes a record that comes back after a reconcile marked it deleted", async () => {
    await t.handle.db.update(customers).set({ deletedAt: new Date() }).where(eq(customers.customerNumber, "3"));
    const res = await upsertRecords(t.handle.db, spec, [row(3)]);
    expect(res.updated).toBe(1);
    const [c] = await t.handle.db.select().from(customers).where(eq(customers.customerNumber, "3"));
    expect(c!.deletedAt).toBeNull();
  });

  it("stores NUL-laden text cleaned, and one record the database refuses costs only itself", async () => {
    const nul = { ...row(7001, "Nul\u0000 AB"), raw: { CustomerNumber: "7001", Name: "Nul\u0000 AB", "Odd\u0000Key": "\u0000" } };
    const refused = { ...row(7002), active: "not a boolean" as unknown as boolean };
    const res = await upsertRecords(t.handle.db, spec, [{ ...row(7000), active: true }, nul, refused, row(7003)]);
    expect(res).toMatchObject({ created: 3, updated: 0, unchanged: 0 });
    expect(res.failed.map((f) => f.number)).toEqual(["7002"]);
    expect(res.failed[0]?.error).toMatch(/boolean/i);
    const stored = await t.handle.db.select().from(customers).where(eq(customers.connectionId, connectionId));
    const byNumber = new Map(stored.map((c) => [c.customerNumber, c]));
    expect(byNumber.get("7001")).toMatchObject({ name: "Nul AB", raw: { CustomerNumber: "7001", Name: "Nul AB", OddKey: "" } });
    expect(byNumber.has("7000") && byNumber.has("7003") && !byNumber.has("7002")).toBe(true);
  });
});
