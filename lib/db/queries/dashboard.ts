import "server-only";

import { and, desc, eq, gte, isNull, lt, sql } from "drizzle-orm";

import type { Database } from "../client";
import { articles, customers, invoices } from "../schema";

/*
 * Dashboard figures. Amounts are summed for SEK invoices only: other currencies carry no exchange
 * rate in Brygga's columns, and adding euros to kronor would be wrong rather than approximate.
 * Cancelled invoices never count as revenue.
 */

export interface RecordCounts {
  customers: number;
  articles: number;
  invoices: number;
}

export interface MonthTotal {
  /** YYYY-MM */
  month: string;
  amount: number;
  count: number;
}

export interface PaymentSummary {
  paid: { count: number; amount: number };
  unpaid: { count: number; amount: number };
  overdue: { count: number; amount: number };
}

export interface TopCustomer {
  customerNumber: string;
  customerName: string;
  amount: number;
}

const count = sql<number>`count(*)`.mapWith(Number);

/** Live (not deleted) records per resource for one connection. */
export async function getRecordCounts(db: Database, connectionId: string): Promise<RecordCounts> {
  const [c] = await db.select({ n: count }).from(customers).where(and(eq(customers.connectionId, connectionId), isNull(customers.deletedAt)));
  const [a] = await db.select({ n: count }).from(articles).where(and(eq(articles.connectionId, connectionId), isNull(articles.deletedAt)));
  const [i] = await db.select({ n: count }).from(invoices).where(and(eq(invoices.connectionId, connectionId), isNull(invoices.deletedAt)));
  return { customers: c?.n ?? 0, articles: a?.n ?? 0, invoices: i?.n ?? 0 };
}

/** The twelve months ending with `today`'s month, oldest first, as YYYY-MM. */
export function lastTwelveMonths(today: string): string[] {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7)) - 1;
  return Array.from({ length: 12 }, (_, i) => {
    const d = new Date(Date.UTC(year, month - 11 + i, 1));
    return d.toISOString().slice(0, 7);
  });
}

const live = (connectionId: string) => and(eq(invoices.connectionId, connectionId), isNull(invoices.deletedAt), eq(invoices.currency, "SEK"), eq(invoices.cancelled, false));

/** Invoiced amount (SEK, incl. VAT) per month for the last twelve months; months without invoices are 0. */
export async function getMonthlyInvoiced(db: Database, connectionId: string, today: string): Promise<MonthTotal[]> {
  const months = lastTwelveMonths(today);
  const first = `${months[0]}-01`;
  const end = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)), 1)).toISOString().slice(0, 10);
  const month = sql<string>`to_char(${invoices.invoiceDate}, 'YYYY-MM')`;
  const rows = await db
    .select({ month, amount: sql<number>`coalesce(sum(${invoices.total}), 0)`.mapWith(Number), count })
    .from(invoices)
    .where(and(live(connectionId), gte(invoices.invoiceDate, first), lt(invoices.invoiceDate, end)))
    .groupBy(month);
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  return months.map((m) => ({ month: m, amount: byMonth.get(m)?.amount ?? 0, count: byMonth.get(m)?.count ?? 0 }));
}

/** Paid (invoice totals) against unpaid and overdue (open balances), SEK, in one pass. */
export async function getPaymentSummary(db: Database, connectionId: string, today: string): Promise<PaymentSummary> {
  const open = sql`${invoices.balance} <> 0`;
  const overdue = sql`${open} and ${invoices.dueDate} < ${today}`;
  const notOverdue = sql`${open} and (${invoices.dueDate} is null or ${invoices.dueDate} >= ${today})`;
  const [r] = await db
    .select({
      paidCount: sql<number>`count(*) filter (where ${invoices.balance} = 0)`.mapWith(Number),
      paidAmount: sql<number>`coalesce(sum(${invoices.total}) filter (where ${invoices.balance} = 0), 0)`.mapWith(Number),
      unpaidCount: sql<number>`count(*) filter (where ${notOverdue})`.mapWith(Number),
      unpaidAmount: sql<number>`coalesce(sum(${invoices.balance}) filter (where ${notOverdue}), 0)`.mapWith(Number),
      overdueCount: sql<number>`count(*) filter (where ${overdue})`.mapWith(Number),
      overdueAmount: sql<number>`coalesce(sum(${invoices.balance}) filter (where ${overdue}), 0)`.mapWith(Number),
    })
    .from(invoices)
    .where(live(connectionId));
  return {
    paid: { count: r?.paidCount ?? 0, amount: r?.paidAmount ?? 0 },
    unpaid: { count: r?.unpaidCount ?? 0, amount: r?.unpaidAmount ?? 0 },
    overdue: { count: r?.overdueCount ?? 0, amount: r?.overdueAmount ?? 0 },
  };
}

/** The ten customers with the highest invoiced amount (SEK, all time; credit invoices subtract). */
export async function getTopCustomers(db: Database, connectionId: string, limit = 10): Promise<TopCustomer[]> {
  const amount = sql<number>`sum(${invoices.total})`.mapWith(Number);
  return db
    .select({ customerNumber: invoices.customerNumber, customerName: sql<string>`max(${invoices.customerName})`, amount })
    .from(invoices)
    .where(live(connectionId))
    .groupBy(invoices.customerNumber)
    .orderBy(desc(amount), invoices.customerNumber)
    .limit(limit);
}
