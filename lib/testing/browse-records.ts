import type { Database } from "@/lib/db/client";
import { articles, connections, customers, invoices, tenants } from "@/lib/db/schema";

/*
 * Deterministic records for the browse integration tests: two connections whose data overlaps on
 * purpose (same document, customer and article numbers, same names), so any query that forgets
 * its connection scope returns the other company's rows and fails.
 */

export const TODAY = "2026-03-15";

export async function createConnection(db: Database, fortnoxTenantId: number, name: string): Promise<string> {
  const [tenant] = await db.insert(tenants).values({ fortnoxTenantId, organisationNumber: "556677-8899", name }).returning();
  const [c] = await db.insert(connections).values({ tenantId: tenant!.id, scopes: [] }).returning();
  return c!.id;
}

const cities = ["Stockholm", "Göteborg", "Malmö", "Uppsala", null];
const names = ["Bryggans Kaffe AB", "Norrsken Konsult AB", "Anna Andersson", "Östra Bygg AB", "Lilla_Procent%Butik", "Karin Berg"];

/** `count` customers; every 7th is soft-deleted, `active` cycles null/true/false. */
export async function seedCustomers(db: Database, connectionId: string, count: number, tag: string) {
  const rows = Array.from({ length: count }, (_, i) => {
    const n = i + 1;
    const company = n % 3 !== 0;
    return {
      connectionId,
      customerNumber: String(n),
      name: `${names[i % names.length]} ${tag}${n}`,
      organisationNumber: company ? `55${String(6600 + n).padStart(4, "0")}-${String(1000 + n).slice(-4)}` : `19${String(800101 + n)}${String(2000 + n).slice(-4)}`,
      type: n % 5 === 0 ? null : company ? "COMPANY" : "PRIVATE",
      email: `kund${n}@${tag.toLowerCase()}.se`,
      city: cities[i % cities.length] ?? null,
      active: [null, true, false][i % 3] ?? null,
      raw: { n },
      deletedAt: n % 7 === 0 ? new Date() : null,
    };
  });
  await db.insert(customers).values(rows);
  return rows;
}

/** `count` articles; every 9th is soft-deleted; type, stock and price vary, some are unknown. */
export async function seedArticles(db: Database, connectionId: string, count: number, tag: string) {
  const rows = Array.from({ length: count }, (_, i) => {
    const n = i + 1;
    return {
      connectionId,
      articleNumber: `A${String(n).padStart(3, "0")}`,
      description: `${["Kaffe", "Konsulttimme", "Skruv", "Frakt"][i % 4]} ${tag}${n}`,
      type: [null, "STOCK", "SERVICE"][i % 3] ?? null,
      unit: ["st", "h", null][i % 3] ?? null,
      salesPrice: n % 6 === 0 ? null : n * 12.5,
      vat: 25,
      quantityInStock: n % 4 === 0 ? null : n % 4 === 1 ? 0 : n * 1.5,
      active: [true, null, false][i % 3] ?? null,
      raw: { n },
      deletedAt: n % 9 === 0 ? new Date() : null,
    };
  });
  await db.insert(articles).values(rows);
  return rows;
}

/** `count` invoices over about a year; some dates unknown, every 11th soft-deleted. */
export async function seedInvoices(db: Database, connectionId: string, count: number, tag: string) {
  const day = (offset: number) => new Date(Date.UTC(2026, 2, 15) + offset * 86_400_000).toISOString().slice(0, 10);
  const rows = Array.from({ length: count }, (_, i) => {
    const n = i + 1;
    const total = Math.round(((n * 7919) % 100_000) + 99) / 4;
    const state = n % 5; // 0 paid, 1 unpaid (future due), 2 overdue, 3 cancelled, 4 credit (paid)
    return {
      connectionId,
      documentNumber: n,
      customerNumber: String((n % 12) + 1),
      customerName: `${names[n % names.length]} ${tag}${(n % 12) + 1}`,
      invoiceDate: n % 13 === 0 ? null : day(-((n * 37) % 360)),
      dueDate: n % 17 === 0 ? null : state === 1 ? day(10 + (n % 20)) : day(-(n % 30) - 1),
      currency: n % 19 === 0 ? "EUR" : "SEK",
      total: state === 4 ? -total : total,
      balance: state === 1 || state === 2 || state === 3 ? total : 0,
      ocr: `${n}${tag.length}${String(n * 31).padStart(4, "0")}`,
      booked: n % 2 === 0,
      cancelled: state === 3,
      credit: state === 4,
      raw: { n },
      deletedAt: n % 11 === 0 ? new Date() : null,
    };
  });
  await db.insert(invoices).values(rows);
  return rows;
}
