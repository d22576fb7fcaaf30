import { sql, type SQL } from "drizzle-orm";
import { type AnyPgColumn, bigint, boolean, date, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

import { connections } from "./connections";

/*
 * Synced Fortnox records: normalised columns for lists, search and charts, plus the raw Fortnox
 * JSON (Fortnox's payload types drift between list and detail responses, so we keep the source).
 * Natural key: connection + Fortnox number. `deletedAt` is set when a reconcile finds the record gone.
 */

const connectionId = () =>
  uuid("connection_id")
    .notNull()
    .references(() => connections.id, { onDelete: "cascade" });
const syncedAt = () => timestamp("synced_at", { withTimezone: true }).notNull().defaultNow();
const deletedAt = () => timestamp("deleted_at", { withTimezone: true });
/** Last time a full listing (full sync or reconcile) saw the record; older than the run = deleted. */
const seenAt = () => timestamp("seen_at", { withTimezone: true });
const money = (name: string) => numeric(name, { precision: 16, scale: 2, mode: "number" });

/**
 * An invoice still to be paid: a balance left, not cancelled, not removed, and not an original that
 * a credit invoice offset (lib/browse/invoice-state.ts). The invoice list's unpaid and overdue
 * filters use this very SQL, and so does the partial index beneath them: the planner uses a partial
 * index only when the query's conditions contain its predicate, and with every condition in the
 * predicate those lists are counted from the index alone, without reading the table (4 664 unpaid of
 * 100 000 invoices: 1 ms on PostgreSQL, against 6 ms when each row's table page was read).
 */
export function openInvoice(t: { balance: AnyPgColumn; cancelled: AnyPgColumn; deletedAt: AnyPgColumn; credit: AnyPgColumn; creditInvoiceReference: AnyPgColumn }): SQL {
  return sql`(${t.balance} <> 0 and not ${t.cancelled} and ${t.deletedAt} is null and (${t.credit} or coalesce(${t.creditInvoiceReference}, 0) <= 0))`;
}

/**
 * The order people expect of Fortnox numbers (1, 2, 10, 100 rather than 1, 10, 100, 2): numbers are
 * free text, mostly digits. A number that starts with digits sorts by the value of those digits
 * (their count without leading zeros, zero-padded to three characters, then the digits), then by
 * what follows them; any other number sorts as itself, after all of those ("0…" sorts before
 * letters). The lists sort by it and an index holds it (migration 0013); immutable SQL only, so
 * PostgreSQL and PGlite can index it. naturalKeyOf is the same key in code, for list cursors; a
 * test compares the two on both databases.
 */
export function naturalKey(number: AnyPgColumn): SQL<string> {
  const digits = sql`ltrim(substring(${number} from '^[0-9]+'), '0')`;
  return sql<string>`(case when ${number} ~ '^[0-9]' then lpad(length(${digits})::text, 3, '0') || ${digits} || substring(${number} from '^[0-9]+(.*)$') else ${number} end)`;
}

/** naturalKey of `number`, computed here (a list cursor holds the key of the row it stopped at). */
export function naturalKeyOf(number: string): string {
  const match = /^([0-9]+)([\s\S]*)$/.exec(number);
  if (!match) return number;
  const digits = match[1]!.replace(/^0+/, "");
  return String(digits.length).padStart(3, "0") + digits + match[2];
}

export const customers = pgTable(
  "customers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    connectionId: connectionId(),
    customerNumber: text("customer_number").notNull(),
    name: text("name").notNull(),
    organisationNumber: text("organisation_number"),
    type: text("type"),
    email: text("email"),
    phone: text("phone"),
    city: text("city"),
    zipCode: text("zip_code"),
    /** Null until known: list items do not carry it (Fortnox's default is active). */
    active: boolean("active"),
    raw: jsonb("raw").notNull(),
    syncedAt: syncedAt(),
    seenAt: seenAt(),
    deletedAt: deletedAt(),
  },
  (t) => [
    uniqueIndex("customers_connection_number_key").on(t.connectionId, t.customerNumber),
    index("customers_connection_number_natural_idx").on(t.connectionId, naturalKey(t.customerNumber), t.id),
    index("customers_connection_name_idx").on(t.connectionId, t.name, t.id),
    index("customers_connection_orgno_idx").on(t.connectionId, t.organisationNumber),
  ],
);

export const articles = pgTable(
  "articles",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    connectionId: connectionId(),
    articleNumber: text("article_number").notNull(),
    description: text("description").notNull(),
    type: text("type"),
    unit: text("unit"),
    salesPrice: money("sales_price"),
    purchasePrice: money("purchase_price"),
    vat: numeric("vat", { precision: 5, scale: 2, mode: "number" }),
    quantityInStock: numeric("quantity_in_stock", { precision: 16, scale: 3, mode: "number" }),
    /** Null until known: list items do not carry it (Fortnox's default is active). */
    active: boolean("active"),
    /** The list item as Fortnox sent it: what a re-listing is compared against. */
    raw: jsonb("raw").notNull(),
    /** The full article from the last detail fetch (type, accounts: list items lack them). */
    detail: jsonb("detail"),
    /** Set when the list showed a new or changed article; the detail phase fetches and clears it. */
    needsDetail: boolean("needs_detail").notNull().default(true),
    syncedAt: syncedAt(),
    seenAt: seenAt(),
    deletedAt: deletedAt(),
  },
  (t) => [
    uniqueIndex("articles_connection_number_key").on(t.connectionId, t.articleNumber),
    index("articles_connection_number_natural_idx").on(t.connectionId, naturalKey(t.articleNumber), t.id),
    index("articles_connection_description_idx").on(t.connectionId, t.description, t.id),
    index("articles_connection_needs_detail_idx").on(t.connectionId, t.articleNumber).where(sql`${t.needsDetail}`),
  ],
);

export const invoices = pgTable(
  "invoices",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    connectionId: connectionId(),
    /** Fortnox DocumentNumber; numeric in practice, stored as bigint so it sorts as a number. */
    documentNumber: bigint("document_number", { mode: "number" }).notNull(),
    customerNumber: text("customer_number").notNull(),
    customerName: text("customer_name").notNull(),
    invoiceDate: date("invoice_date"),
    dueDate: date("due_date"),
    finalPayDate: date("final_pay_date"),
    currency: text("currency").notNull().default("SEK"),
    total: money("total").notNull(),
    totalVat: money("total_vat"),
    net: money("net"),
    balance: money("balance").notNull(),
    ocr: text("ocr"),
    booked: boolean("booked").notNull().default(false),
    cancelled: boolean("cancelled").notNull().default(false),
    sent: boolean("sent").notNull().default(false),
    credit: boolean("credit").notNull().default(false),
    creditInvoiceReference: bigint("credit_invoice_reference", { mode: "number" }),
    vatIncluded: boolean("vat_included"),
    /** The list item as Fortnox sent it: what a re-listing is compared against. */
    raw: jsonb("raw").notNull(),
    /** The full invoice (with rows) from the last detail fetch. */
    detail: jsonb("detail"),
    /** When the detail (rows) was last fetched; null = only the list item is known. */
    detailSyncedAt: timestamp("detail_synced_at", { withTimezone: true }),
    /** Set when the list showed a new or changed invoice; the detail phase fetches and clears it. */
    needsDetail: boolean("needs_detail").notNull().default(true),
    syncedAt: syncedAt(),
    seenAt: seenAt(),
    deletedAt: deletedAt(),
  },
  (t) => [
    uniqueIndex("invoices_connection_number_key").on(t.connectionId, t.documentNumber),
    // The default sort. deleted_at ends it so that a count of a date range is answered from the
    // index alone (every list excludes deleted rows): counting 2,831 invoices of a month read each
    // one from the table before migration 0017.
    index("invoices_connection_date_idx").on(t.connectionId, t.invoiceDate, t.documentNumber, t.deletedAt),
    index("invoices_connection_customer_idx").on(t.connectionId, t.customerNumber, t.invoiceDate),
    // Sorts the invoice list offers, each with the keyset tie-breaker.
    index("invoices_connection_due_idx").on(t.connectionId, t.dueDate, t.documentNumber),
    index("invoices_connection_total_idx").on(t.connectionId, t.total, t.documentNumber),
    index("invoices_connection_balance_idx").on(t.connectionId, t.balance, t.documentNumber),
    // Sorts by customer name, and finds the invoices of the names a search matched (invoiceCustomerNames).
    index("invoices_connection_customer_name_idx").on(t.connectionId, t.customerName, t.documentNumber),
    // Search matches the start of numbers (`lower(col) LIKE lower('q%')`, which is ILIKE 'q%'): a
    // btree range in the company's part of each index. text_pattern_ops compares bytes, so a LIKE
    // prefix uses it whatever the database's collation. (Trigram indexes did this until migration
    // 0015: a prefix of four digits walked posting lists over the whole table, and every write
    // paid a GIN insert.)
    index("invoices_connection_customer_number_prefix_idx").on(t.connectionId, sql`lower(${t.customerNumber}) text_pattern_ops`),
    index("invoices_connection_ocr_prefix_idx").on(t.connectionId, sql`lower(${t.ocr}) text_pattern_ops`),
    index("invoices_connection_document_number_prefix_idx").on(t.connectionId, sql`(${t.documentNumber}::text) text_pattern_ops`),
    index("invoices_connection_needs_detail_idx").on(t.connectionId, t.documentNumber).where(sql`${t.needsDetail}`),
    index("invoices_connection_open_due_idx").on(t.connectionId, t.dueDate).where(openInvoice(t)),
  ],
);

/**
 * Every customer name the company's invoices carry, kept by triggers on `invoices` (migration 0014):
 * what the invoice search matches names against. A search for "norrsken kaffe" among 100,000
 * invoices matched through a trigram index on the invoices themselves costs a walk of posting lists
 * shared by a tenth of all rows and a recheck of every hit (PostgreSQL: 10 ms for 1,000 hits); among
 * a few thousand distinct names it is cheap, and the invoices of the names found come from
 * invoices_connection_customer_name_idx. The table only grows between syncs: a name no invoice
 * carries any more matches nothing, and the sync prunes it after a run (lib/sync/invoice-names.ts).
 */
export const invoiceCustomerNames = pgTable(
  "invoice_customer_names",
  {
    connectionId: connectionId(),
    customerName: text("customer_name").notNull(),
    /**
     * The name in lower case, for `LIKE lower(pattern)`: what ILIKE computes (in a UTF-8 database it
     * lowers both sides, then matches), without lowering every name on every search.
     */
    folded: text("folded")
      .notNull()
      .generatedAlwaysAs((): SQL => sql`lower(${invoiceCustomerNames.customerName})`),
  },
  (t) => [primaryKey({ columns: [t.connectionId, t.customerName] }), index("invoice_customer_names_trgm_idx").using("gin", t.folded.op("gin_trgm_ops"))],
);

export const invoiceRows = pgTable(
  "invoice_rows",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    invoiceId: uuid("invoice_id")
      .notNull()
      .references(() => invoices.id, { onDelete: "cascade" }),
    connectionId: connectionId(),
    position: integer("position").notNull(),
    rowId: integer("row_id"),
    articleNumber: text("article_number"),
    description: text("description"),
    accountNumber: integer("account_number"),
    quantity: numeric("quantity", { precision: 16, scale: 3, mode: "number" }),
    unit: text("unit"),
    price: money("price"),
    discount: numeric("discount", { precision: 16, scale: 2, mode: "number" }),
    vat: numeric("vat", { precision: 5, scale: 2, mode: "number" }),
    total: money("total"),
    raw: jsonb("raw").notNull(),
  },
  (t) => [uniqueIndex("invoice_rows_invoice_position_key").on(t.invoiceId, t.position), index("invoice_rows_article_idx").on(t.connectionId, t.articleNumber)],
);

export type CustomerRow = typeof customers.$inferSelect;
export type ArticleRow = typeof articles.$inferSelect;
export type InvoiceRecord = typeof invoices.$inferSelect;
export type InvoiceRowRecord = typeof invoiceRows.$inferSelect;
