/**
 * Sync-engine test harness: an engine wired to a sandbox (its own OAuth tokens, rate limiter and
 * client, exactly as production wires them), plus checksums that compare what Brygga stored with
 * what the sandbox holds, field by field that Brygga keeps.
 */
import { createHash } from "node:crypto";

import { and, asc, eq, isNull, sql } from "drizzle-orm";

import type { Database } from "@/lib/db/client";
import { articles, customers, invoiceRows, invoices } from "@/lib/db/schema";
import { createFortnoxClient } from "@/lib/fortnox/client";
import { createRateLimiter, type RateLimitConfig } from "@/lib/fortnox/rate-limiter";
import { createTokenManager } from "@/lib/fortnox/token-manager";
import type { EngineDeps } from "@/lib/sync/context";

import { testKeyRing } from "./connect";
import type { SandboxApp, SandboxProcess } from "./sandbox";

export function engineDeps(db: Database, sandboxUrl: string, app: SandboxApp, tenantOf: (connectionId: string) => number, rateLimit: RateLimitConfig, extra: Partial<EngineDeps> = {}): EngineDeps {
  const tokens = createTokenManager({
    db,
    keyRing: testKeyRing(),
    oauth: { tokenUrl: `${sandboxUrl}/oauth-v1/token`, revokeUrl: `${sandboxUrl}/oauth-v1/revoke`, clientId: app.clientId, clientSecret: app.clientSecret },
  });
  // Fast retries: the sandbox's fault bursts are short, and tests should not sit in backoff.
  const client = createFortnoxClient({ apiUrl: sandboxUrl, clientId: app.clientId, tokens, limiter: createRateLimiter(db, rateLimit), backoff: { attempts: 8, baseMs: 20, capMs: 400 } });
  return { db, apiFor: (connectionId, signal) => Promise.resolve(client.forConnection({ connectionId, tenantId: tenantOf(connectionId), signal })), ...extra };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const digest = (lines: string[]) => createHash("sha256").update(lines.join("\n")).digest("hex");
const n = (v: unknown) => (v === null || v === undefined || v === "" ? "" : Number(v).toFixed(2));
const s = (v: unknown) => (typeof v === "string" || typeof v === "number" ? String(v) : "");

interface Checksums {
  customers: string;
  articles: string;
  invoices: string;
  counts: { customers: number; articles: number; invoices: number; rows: number };
}

/** Checksums of the live (not deleted) records Brygga stored for a connection. */
export async function storedChecksums(db: Database, connectionId: string): Promise<Checksums> {
  const cs = await db.select().from(customers).where(and(eq(customers.connectionId, connectionId), isNull(customers.deletedAt))).orderBy(asc(customers.customerNumber));
  const as = await db.select().from(articles).where(and(eq(articles.connectionId, connectionId), isNull(articles.deletedAt))).orderBy(asc(articles.articleNumber));
  const is = await db.select().from(invoices).where(and(eq(invoices.connectionId, connectionId), isNull(invoices.deletedAt))).orderBy(asc(invoices.documentNumber));
  const rows = await db
    .select({ documentNumber: invoices.documentNumber, n: sql<number>`count(*)::int`, total: sql<string>`coalesce(sum(${invoiceRows.total}), 0)` })
    .from(invoiceRows)
    .innerJoin(invoices, eq(invoices.id, invoiceRows.invoiceId))
    .where(and(eq(invoices.connectionId, connectionId), isNull(invoices.deletedAt)))
    .groupBy(invoices.documentNumber);
  const rowsOf = new Map(rows.map((r) => [r.documentNumber, r]));
  // Sorted here, not by the database, so both sides order text the same way whatever the collation.
  cs.sort((a, b) => cmp(a.customerNumber, b.customerNumber));
  as.sort((a, b) => cmp(a.articleNumber, b.articleNumber));
  return {
    customers: digest(cs.map((c) => [c.customerNumber, c.name, s(c.organisationNumber), s(c.email), s(c.city), c.active !== false].join("|"))),
    articles: digest(as.map((a) => [a.articleNumber, a.description, s(a.type), n(a.salesPrice), n(a.quantityInStock), a.active !== false].join("|"))),
    invoices: digest(is.map((i) => [i.documentNumber, i.customerNumber, n(i.total), n(i.totalVat), n(i.balance), i.booked, i.cancelled, rowsOf.get(i.documentNumber)?.n ?? 0, n(rowsOf.get(i.documentNumber)?.total ?? 0)].join("|"))),
    counts: { customers: cs.length, articles: as.length, invoices: is.length, rows: rows.reduce((sum, r) => sum + Number(r.n), 0) },
  };
}

type Rec = { id: string; data: Record<string, unknown> };

/** The same checksums computed from the sandbox's own records (its control API). */
export async function sandboxChecksums(sb: SandboxProcess, tenantId: number): Promise<Checksums> {
  const get = (r: string) => sb.control<Rec[]>("GET", `/databases/${tenantId}/records/${r}`);
  const [cs, as, is] = await Promise.all([get("customers"), get("articles"), get("invoices")]);
  const byText = (a: Rec, b: Rec) => cmp(a.id, b.id);
  const orgRows = (i: Rec) => (i.data.InvoiceRows as Record<string, unknown>[] | undefined) ?? [];
  return {
    customers: digest(cs.sort(byText).map(({ data: c }) => [c.CustomerNumber, c.Name, s(c.OrganisationNumber || null), s(c.Email || null), s(c.City || null), c.Active !== false].join("|"))),
    articles: digest(as.sort(byText).map(({ data: a }) => [a.ArticleNumber, a.Description, s(a.Type), n(a.SalesPrice), n(a.QuantityInStock), a.Active !== false].join("|"))),
    invoices: digest(
      is
        .sort((a, b) => Number(a.id) - Number(b.id))
        .map((rec) => {
          const i = rec.data;
          const rows = orgRows(rec);
          return [i.DocumentNumber, i.CustomerNumber, n(i.Total), n(i.TotalVAT), n(i.Balance), i.Booked, i.Cancelled, rows.length, n(rows.reduce((sum, r) => sum + Number(r.Total ?? 0), 0))].join("|");
        }),
    ),
    counts: { customers: cs.length, articles: as.length, invoices: is.length, rows: is.reduce((sum, i) => sum + orgRows(i).length, 0) },
  };
}

export interface LoggedRequest {
  at: string;
  method: string;
  path: string;
  status: number;
  tenantId?: number;
}

export async function requestLog(sb: SandboxProcess): Promise<LoggedRequest[]> {
  const log = await sb.control<{ requests: LoggedRequest[] } | LoggedRequest[]>("GET", "/requests");
  return Array.isArray(log) ? log : log.requests;
}

/** The most requests the log shows inside any sliding window of `windowMs`. */
export function peakInWindow(log: LoggedRequest[], windowMs: number): number {
  const times = log.map((r) => Date.parse(r.at)).sort((a, b) => a - b);
  let peak = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i]! - times[j]! >= windowMs) j++;
    peak = Math.max(peak, i - j + 1);
  }
  return peak;
}
