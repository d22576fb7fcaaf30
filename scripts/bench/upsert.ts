/** Raw write-path throughput: the engine's batched upsert (500 rows a statement) on 100k customers. */
import { connections, tenants } from "@/lib/db/schema";
import type { Database } from "@/lib/db/client";
import { customersSync } from "@/lib/sync/resources";
import { upsertRecords } from "@/lib/sync/store";

export async function upsertThroughput(db: Database, count: number) {
  const [tenant] = await db.insert(tenants).values({ fortnoxTenantId: 9_900_000 + Math.floor(Math.random() * 99_999), organisationNumber: "5560000000", name: "Upsert-bench AB" }).returning();
  const [c] = await db.insert(connections).values({ tenantId: tenant!.id, scopes: [] }).returning();
  const rows = (v: string) =>
    Array.from({ length: count }, (_, i) => {
      const n = String(i + 1);
      const raw = { CustomerNumber: n, Name: `Kund ${n} ${v}`, OrganisationNumber: "556677-8899", Email: `k${n}@example.se`, City: "Stockholm", ZipCode: "111 22" };
      return { connectionId: c!.id, customerNumber: n, name: raw.Name, organisationNumber: raw.OrganisationNumber, type: "COMPANY", email: raw.Email, phone: null, city: raw.City, zipCode: raw.ZipCode, active: null, raw };
    });
  const timed = async (data: ReturnType<typeof rows>) => {
    const started = performance.now();
    for (let i = 0; i < data.length; i += 5000) await upsertRecords(db, customersSync.record, data.slice(i, i + 5000), { omit: customersSync.listOmits });
    return count / ((performance.now() - started) / 1000);
  };
  const first = rows("a");
  const insertRowsPerSec = await timed(first);
  const updateRowsPerSec = await timed(rows("b"));
  const unchangedRowsPerSec = await timed(rows("b"));
  return { insertRowsPerSec, updateRowsPerSec, unchangedRowsPerSec };
}
