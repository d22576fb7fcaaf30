import "server-only";

import { and, asc, eq, getTableName, gte, isNull, lte, or, sql, type SQL, type SQLWrapper } from "drizzle-orm";

import { PAYMENT_STATE_RANK, paymentState } from "@/lib/browse/invoice-state";

import type { Database } from "../client";
import { invoiceCustomerNames, invoiceRows, invoices, openInvoice, type InvoiceRecord } from "../schema";
import { countKey, countRows, exactLimit, readCountedPage, type CountedReadOptions, type Counting, type ResultCount } from "./counts";
import { jsonFetch, jsonPage, jsonRow } from "./json-rows";
import { iterateRows, readPage, sortColumn, type KeysetSource, type Page } from "./keyset";
import { likeEscape } from "./list-params";
import { type InvoiceFilters, type InvoiceListQuery, type InvoiceSort } from "./list-specs";

export { INVOICE_SORTS, INVOICE_STATUSES, invoiceListSpec, parseInvoiceQuery, type InvoiceFilters, type InvoiceListQuery, type InvoiceSort } from "./list-specs";

const listColumns = {
  id: invoices.id,
  documentNumber: invoices.documentNumber,
  customerNumber: invoices.customerNumber,
  customerName: invoices.customerName,
  invoiceDate: invoices.invoiceDate,
  dueDate: invoices.dueDate,
  currency: invoices.currency,
  total: invoices.total,
  balance: invoices.balance,
  ocr: invoices.ocr,
  booked: invoices.booked,
  cancelled: invoices.cancelled,
  credit: invoices.credit,
  creditInvoiceReference: invoices.creditInvoiceReference,
  sent: invoices.sent,
};
export type InvoiceListItem = Pick<InvoiceRecord, keyof typeof listColumns>;
/** The list's columns as one JSON value per row (./json-rows.ts). */
const listRow = jsonRow(listColumns);

// The schema's own predicate of invoices_connection_open_due_idx, so the planner can count unpaid
// and overdue lists from that partial index alone.
const unpaid = openInvoice(invoices);
// An original invoice a credit invoice offset (lib/browse/invoice-state.ts): shown as credited, never as paid or unpaid.
const credited = sql`(not ${invoices.credit} and coalesce(${invoices.creditInvoiceReference}, 0) > 0)`;
// Ranks are inlined, not bound: a CASE of untyped parameters would resolve to text and sort "10" < "2".
const rank = (state: keyof typeof PAYMENT_STATE_RANK) => sql.raw(String(PAYMENT_STATE_RANK[state]));
const statusRank = (today: string) =>
  sql`(case when ${invoices.cancelled} then ${rank("cancelled")} when ${credited} then ${rank("credited")} when ${invoices.balance} = 0 then ${rank("paid")} when ${invoices.dueDate} < ${today} then ${rank("overdue")} else ${rank("unpaid")} end)`;

function statusCondition(status: InvoiceFilters["status"], today: string): SQL | undefined {
  switch (status) {
    case "unpaid":
      return unpaid;
    case "overdue":
      return and(unpaid, sql`${invoices.dueDate} < ${today}`);
    case "paid":
      return sql`(${invoices.balance} = 0 and not ${invoices.cancelled} and not ${credited})`;
    case "credited":
      return and(sql`not ${invoices.cancelled}`, credited);
    case "cancelled":
      return eq(invoices.cancelled, true);
    default:
      return undefined;
  }
}

/**
 * Numbers match by prefix (they are typed from the start), names anywhere in the name, all without
 * regard to case. Names are matched among the company's distinct customer names
 * (invoiceCustomerNames), and the invoices of those found are read from the name index: the same
 * rows as `customer_name ILIKE '%q%'`, found without a trigram walk over every invoice. ARRAY(...)
 * runs once, before the scan, as an index condition. Numbers are compared as `lower(col) LIKE
 * lower('q%')`, which is what ILIKE computes in a UTF-8 database, in the form their prefix indexes
 * hold (schema/records.ts).
 */
function searchCondition(connectionId: string, q: string | undefined): SQL | undefined {
  if (!q) return undefined;
  const prefix = `${likeEscape(q)}%`;
  const names = sql`array(select ${invoiceCustomerNames.customerName} from ${invoiceCustomerNames} where ${invoiceCustomerNames.connectionId} = ${connectionId} and ${invoiceCustomerNames.folded} like lower(${`%${likeEscape(q)}%`}))`;
  const startsWith = (column: SQLWrapper) => sql`lower(${column}) like lower(${prefix})`;
  const conditions = [sql`${invoices.customerName} = any(${names})`, startsWith(invoices.customerNumber), startsWith(invoices.ocr)];
  if (/^\d{1,18}$/.test(q)) conditions.push(sql`${invoices.documentNumber}::text like ${prefix}`);
  return or(...conditions);
}

/** The list's filters as SQL (always scoped to the connection); shared by pages and counts. */
function invoiceWhere(connectionId: string, query: InvoiceListQuery, today: string): SQL | undefined {
  const f = query.filters;
  return and(
    eq(invoices.connectionId, connectionId),
    isNull(invoices.deletedAt),
    searchCondition(connectionId, query.q),
    statusCondition(f.status, today),
    f.booked ? eq(invoices.booked, f.booked === "booked") : undefined,
    f.from ? gte(invoices.invoiceDate, f.from) : undefined,
    f.to ? lte(invoices.invoiceDate, f.to) : undefined,
    f.customer ? eq(invoices.customerNumber, f.customer) : undefined,
  );
}

function invoiceSource(db: Database, connectionId: string, query: InvoiceListQuery, today: string): KeysetSource<InvoiceListItem, InvoiceSort> {
  const where = invoiceWhere(connectionId, query, today);
  return {
    columns: {
      number: sortColumn(invoices.documentNumber, false, (r) => r.documentNumber, { indexed: true }),
      customer: sortColumn(invoices.customerName, false, (r) => r.customerName, { indexed: true }),
      invoiceDate: sortColumn(invoices.invoiceDate, true, (r) => r.invoiceDate, { indexed: true }),
      dueDate: sortColumn(invoices.dueDate, true, (r) => r.dueDate, { indexed: true }),
      total: sortColumn(invoices.total, false, (r) => r.total, { indexed: true }),
      balance: sortColumn(invoices.balance, false, (r) => r.balance, { indexed: true }),
      status: sortColumn(statusRank(today), false, (r) => PAYMENT_STATE_RANK[paymentState(r, today)]),
    },
    // Document numbers are unique per connection, and the (connection, date, number) index ends in it.
    tie: invoices.documentNumber,
    tieValue: (r) => r.documentNumber,
    fetch: jsonFetch(db, invoices, listRow, where),
    fetchMatched: (cap, keyset, orderBy, limit) => {
      // The gathered rows are named like the table they come from, so the keyset and sort SQL
      // written against it ("invoices"."invoice_date", the status rank) and the JSON row read their
      // columns. Referenced twice, PostgreSQL computes them once.
      const gathered = db.$with(getTableName(invoices)).as(db.select(listColumns).from(invoices).where(where).limit(cap + 1));
      return jsonPage(db, listRow, { gathered }, { where: keyset, orderBy, limit, counted: sql<number>`(select count(*)::int from ${gathered})` });
    },
  };
}

/** What the invoice list counts: exact up to `cap` (./counts.ts), remembered per company and filters past it. */
function invoiceCounting(db: Database, connectionId: string, query: InvoiceListQuery, today: string, cap = exactLimit(db)): Counting {
  // A search's indexes (names, number prefixes) find its rows in no order the list sorts by: count and page them in one scan.
  return { table: invoices, where: invoiceWhere(connectionId, query, today), cap, key: countKey("invoices", connectionId, [query.q, query.filters, today]), gather: query.q !== undefined };
}

/** How many invoices match the query: exact up to a cap, beyond it the planner's estimate (./counts.ts). */
export function countInvoices(db: Database, connectionId: string, query: InvoiceListQuery, today: string, cap = exactLimit(db)): Promise<ResultCount> {
  return countRows(db, invoiceCounting(db, connectionId, query, today, cap));
}

/** One page of a connection's invoices and how many match, in one query where it can (./counts.ts). */
export function listInvoicesCounted(db: Database, connectionId: string, query: InvoiceListQuery, today: string, { cap, gate }: CountedReadOptions = {}): Promise<{ page: Page<InvoiceListItem>; count: ResultCount }> {
  return readCountedPage(db, invoiceSource(db, connectionId, query, today), query, invoiceCounting(db, connectionId, query, today, cap), gate);
}

/** One page of a connection's invoices. `today` is the Stockholm date that decides "overdue". */
export function listInvoices(db: Database, connectionId: string, query: InvoiceListQuery, today: string): Promise<Page<InvoiceListItem>> {
  return readPage(invoiceSource(db, connectionId, query, today), query);
}

/** Every invoice matching the query, in list order, in keyset batches (for CSV export). */
export function iterateInvoices(db: Database, connectionId: string, query: InvoiceListQuery, today: string, batchSize = 1000): AsyncGenerator<InvoiceListItem[], void> {
  return iterateRows(invoiceSource(db, connectionId, query, today), query, batchSize);
}

export type InvoiceDetail = Awaited<ReturnType<typeof getInvoice>>;

/** One invoice with its rows, or null when unknown, deleted or another connection's. */
export async function getInvoice(db: Database, connectionId: string, documentNumber: number) {
  if (!Number.isSafeInteger(documentNumber) || documentNumber < 0) return null;
  const [invoice] = await db
    .select({
      ...listColumns,
      finalPayDate: invoices.finalPayDate,
      totalVat: invoices.totalVat,
      net: invoices.net,
      creditInvoiceReference: invoices.creditInvoiceReference,
      vatIncluded: invoices.vatIncluded,
      detailSyncedAt: invoices.detailSyncedAt,
      syncedAt: invoices.syncedAt,
      // Öresavrundning: Fortnox rounds a SEK invoice's total to whole kronor, and net + VAT shown
      // without it would not add up to the total. Read as JSON, not cast in SQL: a value Fortnox
      // sends oddly must not fail the page.
      roundOffJson: sql<unknown>`${invoices.detail}->'RoundOff'`,
    })
    .from(invoices)
    .where(and(eq(invoices.connectionId, connectionId), eq(invoices.documentNumber, documentNumber), isNull(invoices.deletedAt)));
  if (!invoice) return null;
  const { roundOffJson, ...header } = invoice;
  const roundOff = Number(roundOffJson);
  const rows = await db
    .select({
      id: invoiceRows.id,
      position: invoiceRows.position,
      articleNumber: invoiceRows.articleNumber,
      description: invoiceRows.description,
      quantity: invoiceRows.quantity,
      unit: invoiceRows.unit,
      price: invoiceRows.price,
      discount: invoiceRows.discount,
      vat: invoiceRows.vat,
      total: invoiceRows.total,
    })
    .from(invoiceRows)
    .where(and(eq(invoiceRows.connectionId, connectionId), eq(invoiceRows.invoiceId, invoice.id)))
    .orderBy(asc(invoiceRows.position));
  const known = (typeof roundOffJson === "number" || typeof roundOffJson === "string") && Number.isFinite(roundOff);
  return { ...header, roundOff: known && Math.abs(roundOff) >= 0.005 ? roundOff : null, rows };
}
