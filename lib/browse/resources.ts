import "server-only";

import type { SQL } from "drizzle-orm";

import type { Database } from "@/lib/db/client";
import { articleListSpec, iterateArticles, listArticlesCounted, parseArticleQuery, type ArticleListItem } from "@/lib/db/queries/articles";
import { customerListSpec, iterateCustomers, listCustomersCounted, parseCustomerQuery, type CustomerListItem } from "@/lib/db/queries/customers";
import { invoiceListSpec, iterateInvoices, listInvoicesCounted, parseInvoiceQuery, type InvoiceListItem } from "@/lib/db/queries/invoices";
import type { ResultCount } from "@/lib/db/queries/counts";
import type { Page } from "@/lib/db/queries/keyset";
import { listQueryProblems, type SearchParamsInput } from "@/lib/db/queries/list-params";
import { formatOrganisationNumber } from "@/lib/format";
import type { MessageKey } from "@/lib/i18n/dictionaries";

import { CSV_BOM, csvLine, csvRow, quoteCsv, type CsvCell, type CsvColumn } from "./csv";
import { paymentState } from "./invoice-state";
import type { ListResource } from "./list-view";

/*
 * The browsable resources as data (modules, not switch cases): how each lists a
 * page from URL params, iterates every row for export, and which columns its CSV has.
 */

export interface BrowseContext {
  db: Database;
  connectionId: string;
  /** Stockholm date deciding "overdue". */
  today: string;
  /**
   * For a read not yet authorised: the condition it must carry (sessionMayRead). A list read under
   * it that has no rows says nothing (neither "empty" nor "not yours"); only its rows may be shown.
   */
  gate?: SQL;
}

/**
 * One page of a list with its result count, as the list page shows it: the page's own query, so a
 * search is read through its indexes and counted in the same scan (lib/db/queries/counts.ts).
 */
export type CountedPage<Row> = Page<Row> & { count: ResultCount };

const counted = async <Row>(read: Promise<{ page: Page<Row>; count: ResultCount }>): Promise<CountedPage<Row>> => {
  const { page, count } = await read;
  return { ...page, count };
};

interface BrowseResource<Row> {
  /** URL params the list could not honour as given (list-params.ts `listQueryProblems`). */
  problems(params: SearchParamsInput): string[];
  list(ctx: BrowseContext, params: SearchParamsInput): Promise<CountedPage<Row>>;
  iterate(ctx: BrowseContext, params: SearchParamsInput, batchSize: number): AsyncGenerator<Row[], void>;
  /** CSV columns; a cell may name a message (status, type) that is translated on export. */
  csv: { header: MessageKey; cell: (row: Row, ctx: BrowseContext) => CsvCell | { messageKey: MessageKey } }[];
}

type Translate = (key: MessageKey) => string;

/** A resource with its row type hidden: what route handlers call. */
export interface BrowseEndpoint {
  problems(params: SearchParamsInput): string[];
  list(ctx: BrowseContext, params: SearchParamsInput): Promise<CountedPage<unknown>>;
  /** The CSV as chunks: BOM and header first, then one chunk per keyset batch of `batchSize` rows. */
  csv(ctx: BrowseContext, params: SearchParamsInput, options: { t: Translate; locale: "sv" | "en"; batchSize?: number }): AsyncGenerator<string, void>;
}

function endpoint<Row>(resource: BrowseResource<Row>): BrowseEndpoint {
  return {
    problems: (params) => resource.problems(params),
    list: (ctx, params) => resource.list(ctx, params),
    async *csv(ctx, params, { t, locale, batchSize = 1000 }) {
      const columns: CsvColumn<Row>[] = resource.csv.map((c) => ({
        header: t(c.header),
        cell: (row) => {
          const cell = c.cell(row, ctx);
          return "messageKey" in cell ? { text: t(cell.messageKey) } : cell;
        },
      }));
      yield CSV_BOM + csvLine(columns.map((c) => quoteCsv(c.header)));
      const yesNo: [string, string] = [t("common.yes"), t("common.no")];
      for await (const batch of resource.iterate(ctx, params, batchSize)) {
        yield batch.map((row) => csvRow(columns, row, locale, yesNo)).join("");
      }
    },
  };
}

const invoices: BrowseResource<InvoiceListItem> = {
  problems: (params) => listQueryProblems(invoiceListSpec, params),
  list: (ctx, params) => counted(listInvoicesCounted(ctx.db, ctx.connectionId, parseInvoiceQuery(params), ctx.today, { gate: ctx.gate })),
  iterate: (ctx, params, size) => iterateInvoices(ctx.db, ctx.connectionId, parseInvoiceQuery(params), ctx.today, size),
  csv: [
    { header: "invoices.number", cell: (r) => ({ number: r.documentNumber }) },
    { header: "invoices.customerNumber", cell: (r) => ({ text: r.customerNumber }) },
    { header: "invoices.customer", cell: (r) => ({ text: r.customerName }) },
    { header: "invoices.invoiceDate", cell: (r) => ({ date: r.invoiceDate }) },
    { header: "invoices.dueDate", cell: (r) => ({ date: r.dueDate }) },
    { header: "invoices.currency", cell: (r) => ({ text: r.currency }) },
    { header: "invoices.total", cell: (r) => ({ amount: r.total }) },
    { header: "invoices.balance", cell: (r) => ({ amount: r.balance }) },
    { header: "invoices.status", cell: (r, ctx) => ({ messageKey: `invoices.status.${paymentState(r, ctx.today)}` }) },
    { header: "invoices.credit", cell: (r) => ({ bool: r.credit }) },
    { header: "invoices.booked", cell: (r) => ({ bool: r.booked }) },
    { header: "invoices.ocr", cell: (r) => ({ text: r.ocr }) },
  ],
};

const customers: BrowseResource<CustomerListItem> = {
  problems: (params) => listQueryProblems(customerListSpec, params),
  list: (ctx, params) => counted(listCustomersCounted(ctx.db, ctx.connectionId, parseCustomerQuery(params), { gate: ctx.gate })),
  iterate: (ctx, params, size) => iterateCustomers(ctx.db, ctx.connectionId, parseCustomerQuery(params), size),
  csv: [
    { header: "customers.number", cell: (r) => ({ text: r.customerNumber }) },
    { header: "customers.name", cell: (r) => ({ text: r.name }) },
    { header: "customers.organisationNumber", cell: (r) => ({ text: r.organisationNumber ? formatOrganisationNumber(r.organisationNumber) : null }) },
    { header: "customers.type", cell: (r) => (r.type === "COMPANY" || r.type === "PRIVATE" ? { messageKey: `customers.type.${r.type}` } : { text: null }) },
    { header: "customers.email", cell: (r) => ({ text: r.email }) },
    { header: "customers.phone", cell: (r) => ({ text: r.phone }) },
    { header: "customers.zipCode", cell: (r) => ({ text: r.zipCode }) },
    { header: "customers.city", cell: (r) => ({ text: r.city }) },
    { header: "customers.active", cell: (r) => ({ bool: r.active !== false }) },
  ],
};

const articles: BrowseResource<ArticleListItem> = {
  problems: (params) => listQueryProblems(articleListSpec, params),
  list: (ctx, params) => counted(listArticlesCounted(ctx.db, ctx.connectionId, parseArticleQuery(params), { gate: ctx.gate })),
  iterate: (ctx, params, size) => iterateArticles(ctx.db, ctx.connectionId, parseArticleQuery(params), size),
  csv: [
    { header: "articles.number", cell: (r) => ({ text: r.articleNumber }) },
    { header: "articles.description", cell: (r) => ({ text: r.description }) },
    { header: "articles.type", cell: (r) => (r.type === "STOCK" || r.type === "SERVICE" ? { messageKey: `articles.type.${r.type}` } : { text: null }) },
    { header: "articles.unit", cell: (r) => ({ text: r.unit }) },
    { header: "articles.salesPrice", cell: (r) => ({ amount: r.salesPrice }) },
    { header: "articles.purchasePrice", cell: (r) => ({ amount: r.purchasePrice }) },
    { header: "articles.vat", cell: (r) => ({ number: r.vat }) },
    { header: "articles.stock", cell: (r) => ({ number: r.quantityInStock }) },
    { header: "articles.active", cell: (r) => ({ bool: r.active !== false }) },
  ],
};

export const browseEndpoints: Record<ListResource, BrowseEndpoint> = { invoices: endpoint(invoices), customers: endpoint(customers), articles: endpoint(articles) };

export function isListResource(value: string): value is ListResource {
  return Object.hasOwn(browseEndpoints, value);
}
