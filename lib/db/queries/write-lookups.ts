import { and, asc, eq, ilike, isNull, or, sql } from "drizzle-orm";

import { searchText } from "@/lib/input/text";

import type { Database } from "../client";
import { articles, customers, invoices, type ArticleRow, type CustomerRow } from "../schema";

/*
 * Lookups that write-back does before it acts, each scoped to one connection: a number that belongs
 * to another company's connection is simply not found (no existence oracle across tenants).
 * Records the last reconcile found deleted in Fortnox are not found either.
 */

/** The synced customer `customerNumber` of this connection, or null. */
export async function getCustomerForWrite(db: Database, connectionId: string, customerNumber: string): Promise<CustomerRow | null> {
  const [row] = await db
    .select()
    .from(customers)
    .where(and(eq(customers.connectionId, connectionId), eq(customers.customerNumber, customerNumber), isNull(customers.deletedAt)));
  return row ?? null;
}

/** The synced article `articleNumber` of this connection, or null. */
export async function getArticleForWrite(db: Database, connectionId: string, articleNumber: string): Promise<ArticleRow | null> {
  const [row] = await db
    .select()
    .from(articles)
    .where(and(eq(articles.connectionId, connectionId), eq(articles.articleNumber, articleNumber), isNull(articles.deletedAt)));
  return row ?? null;
}

export interface InvoiceWriteState {
  documentNumber: number;
  booked: boolean;
  cancelled: boolean;
  credit: boolean;
  balance: number;
  creditInvoiceReference: number | null;
}

/** The state of invoice `documentNumber` of this connection that its actions depend on, or null. */
export async function getInvoiceForWrite(db: Database, connectionId: string, documentNumber: number): Promise<InvoiceWriteState | null> {
  const [row] = await db
    .select({
      documentNumber: invoices.documentNumber,
      booked: invoices.booked,
      cancelled: invoices.cancelled,
      credit: invoices.credit,
      balance: invoices.balance,
      creditInvoiceReference: invoices.creditInvoiceReference,
    })
    .from(invoices)
    .where(and(eq(invoices.connectionId, connectionId), eq(invoices.documentNumber, documentNumber), isNull(invoices.deletedAt)));
  return row ?? null;
}

export interface ArticleLookupItem {
  articleNumber: string;
  description: string;
  unit: string | null;
  salesPrice: number | null;
  vat: number | null;
}

/** Up to `limit` active articles whose number starts with, or whose description contains, `query`. */
export async function searchArticlesForLookup(db: Database, connectionId: string, query: string, limit = 10): Promise<ArticleLookupItem[]> {
  const q = searchText(query).replace(/[\\%_]/g, (c) => `\\${c}`);
  if (q === "") return [];
  return db
    .select({ articleNumber: articles.articleNumber, description: articles.description, unit: articles.unit, salesPrice: articles.salesPrice, vat: articles.vat })
    .from(articles)
    .where(
      and(
        eq(articles.connectionId, connectionId),
        isNull(articles.deletedAt),
        sql`${articles.active} is not false`,
        or(ilike(articles.articleNumber, `${q}%`), ilike(articles.description, `%${q}%`)),
      ),
    )
    .orderBy(sql`${articles.articleNumber} ilike ${`${q}%`} desc`, asc(articles.description))
    .limit(limit);
}

export interface CustomerLookupItem {
  customerNumber: string;
  name: string;
  organisationNumber: string | null;
  city: string | null;
}

/**
 * Up to `limit` active customers for the invoice form's picker: number or organisation number by
 * prefix (with or without the dash), name anywhere; the first customers by name when `query` is
 * empty. Exact number matches come first.
 */
export async function searchCustomersForLookup(db: Database, connectionId: string, query: string, limit = 10): Promise<CustomerLookupItem[]> {
  const raw = query.trim().slice(0, 100);
  const q = raw.replace(/[\\%_]/g, (c) => `\\${c}`);
  const digits = raw.replace(/[\s-]/g, "");
  const match =
    q === ""
      ? undefined
      : or(
          ilike(customers.customerNumber, `${q}%`),
          ilike(customers.name, `%${q}%`),
          /^\d{2,12}$/.test(digits) ? sql`replace(${customers.organisationNumber}, '-', '') like ${`${digits}%`}` : undefined,
        );
  return db
    .select({ customerNumber: customers.customerNumber, name: customers.name, organisationNumber: customers.organisationNumber, city: customers.city })
    .from(customers)
    .where(and(eq(customers.connectionId, connectionId), isNull(customers.deletedAt), sql`${customers.active} is not false`, match))
    .orderBy(sql`${customers.customerNumber} = ${raw} desc`, asc(customers.name), asc(customers.customerNumber))
    .limit(limit);
}
