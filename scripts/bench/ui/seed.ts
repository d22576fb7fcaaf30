// ---------------------------------------------------------------------------------------------
// Seed data: customers and invoices for one connection, as a synced company would have them.

import { performance } from "node:perf_hooks";

import { sql } from "drizzle-orm";

import type { Database } from "@/lib/db/client";
import { customers, invoiceCustomerNames, invoices, syncRuns, syncSettings } from "@/lib/db/schema";

import { CUSTOMERS, EXTRA_SQL, INVOICES } from "./config";
import type { Target } from "./database";

const PREFIXES = ["Bryggans", "Norrsken", "Östra", "Västkust", "Fjäll", "Skärgårds", "Lilla", "Stora", "Nordiska", "Sjöbods"];
const TRADES = ["Kaffe", "Konsult", "Bygg", "Måleri", "Frakt", "Data", "El", "Trädgård", "Bageri", "Design"];
const CITIES = ["Stockholm", "Göteborg", "Malmö", "Uppsala", "Västerås", "Örebro", "Linköping", "Helsingborg", "Jönköping", "Norrköping", "Lund", "Umeå", "Gävle", "Borås", "Södertälje", "Eskilstuna", "Halmstad", "Växjö", "Karlstad", "Sundsvall"];
const FORMS = ["AB", "HB", "Handelsbolag", "& Söner AB"];

function customerName(n: number): string {
  const i = n - 1;
  const base = `${PREFIXES[i % 10]} ${TRADES[Math.floor(i / 10) % 10]} ${CITIES[Math.floor(i / 100) % 20]} ${FORMS[Math.floor(i / 2000) % 4]}`;
  return i < 8000 ? base : `${base} ${Math.floor(i / 8000) + 1}`;
}

/** Fortnox-style OCR: number, length digit, Luhn check digit. */
export function ocrFor(n: number): string {
  const body = `${n}${(String(n).length + 2) % 10}`;
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) d *= 2;
    sum += d > 9 ? d - 9 : d;
  }
  return `${body}${(10 - (sum % 10)) % 10}`;
}

export const isoDay = (base: number, offsetDays: number) => new Date(base + offsetDays * 86_400_000).toISOString().slice(0, 10);

export async function seed(db: Database, connectionId: string, today: string): Promise<void> {
  const batch = 2000;
  for (let from = 1; from <= CUSTOMERS; from += batch) {
    const rows = [];
    for (let n = from; n < from + batch && n <= CUSTOMERS; n++) {
      rows.push({
        connectionId,
        customerNumber: String(n),
        name: customerName(n),
        organisationNumber: `55${String(6000 + (n % 4000)).padStart(4, "0")}-${String(1000 + (n % 9000)).slice(-4)}`,
        type: "COMPANY",
        email: `faktura@kund${n}.se`,
        city: CITIES[Math.floor((n - 1) / 100) % 20] ?? null,
        active: true,
        raw: { CustomerNumber: String(n), Name: customerName(n) },
      });
    }
    await db.insert(customers).values(rows);
  }
  // About three years of invoices, numbered in date order like Fortnox does; older ones paid.
  const todayMs = Date.parse(`${today}T00:00:00Z`);
  const spanDays = 3 * 365;
  for (let from = 1; from <= INVOICES; from += batch) {
    const rows = [];
    for (let n = from; n < from + batch && n <= INVOICES; n++) {
      const age = Math.floor(((INVOICES - n) * spanDays) / INVOICES);
      const customer = ((n * 7919) % CUSTOMERS) + 1;
      const total = Math.round(((n * 104_729) % 5_000_000) + 9_900) / 100;
      const cancelled = n % 97 === 0;
      const credit = !cancelled && n % 53 === 0;
      // Recent invoices are mostly open; a few old ones were never paid (overdue).
      const open = !cancelled && !credit && (age < 45 ? n % 10 < 6 : n % 41 === 0);
      rows.push({
        connectionId,
        documentNumber: n,
        customerNumber: String(customer),
        customerName: customerName(customer),
        invoiceDate: isoDay(todayMs, -age),
        dueDate: isoDay(todayMs, -age + 30),
        currency: n % 31 === 0 ? "EUR" : "SEK",
        total: credit ? -total : total,
        totalVat: Math.round(total * 20) / 100,
        net: Math.round(total * 80) / 100,
        balance: open || cancelled ? total : 0,
        ocr: ocrFor(n),
        booked: age > 10 && !cancelled,
        cancelled,
        sent: age > 1,
        credit,
        raw: { DocumentNumber: String(n), CustomerNumber: String(customer), Total: credit ? -total : total },
        needsDetail: false,
        detailSyncedAt: new Date(),
        seenAt: new Date(),
      });
    }
    await db.insert(invoices).values(rows);
    if (from % 20_000 === 1) process.stdout.write(`  ${Math.min(from + batch - 1, INVOICES)} invoices…\r`);
  }
}

/** No sync may run while we measure: close the first sync's run if it is still open, and pause. */
export async function quietSync(db: Database, connectionId: string): Promise<void> {
  await db.execute(
    sql`update ${syncRuns} set status = 'cancelled', finished_at = now(), error_message = 'closed by bench:ui' where connection_id = ${connectionId} and status in ('queued', 'running')`,
  );
  const values = { paused: true, realtime: false, updatedAt: new Date() };
  await db.insert(syncSettings).values({ connectionId, ...values }).onConflictDoUpdate({ target: syncSettings.connectionId, set: values });
}

/**
 * Seeds the bench company with the portal stopped (PGlite admits one process), then VACUUM ANALYZE
 * and a CHECKPOINT; returns seconds taken. The checkpoint writes the seeded pages out now: left to
 * PostgreSQL's timed checkpoint, that write lands in the middle of the measurement, a cost of the
 * bench's set-up and not of the portal.
 */
export async function seedCompany(target: Target, connectionId: string, today: string): Promise<number> {
  const started = performance.now();
  const handle = await target.open();
  try {
    await quietSync(handle.db, connectionId);
    await seed(handle.db, connectionId, today);
    for (const statement of EXTRA_SQL) {
      console.log(`BENCH_SQL: ${statement}`);
      await handle.db.execute(sql.raw(statement));
    }
    // What a sync's end does on PGlite (lib/sync/statistics.ts) and autovacuum on PostgreSQL,
    // customer names included: their trigram index keeps new names in a pending list until vacuumed.
    for (const table of [invoices, invoiceCustomerNames, customers]) await handle.db.execute(sql`vacuum analyze ${table}`);
    // Needs a superuser or pg_checkpoint on PostgreSQL; without it the bench goes on and says so.
    await handle.db.execute(sql`checkpoint`).catch((e: unknown) => console.log(`CHECKPOINT refused (${String(e)}): the seeded pages are written out by PostgreSQL's own checkpoints, perhaps during the measurement.`));
  } finally {
    await handle.close();
  }
  return (performance.now() - started) / 1000;
}
