import { z } from "zod";

import { param, parseListQuery, type ListQuery, type ListSpec, type SearchParamsInput } from "./list-params";

/*
 * What each list accepts in its URL: sorts, filters and their defaults. Free of database code, so
 * the browser reads a list's URL by exactly the rules the server's queries use (the lists fetch
 * their pages as JSON on the client; components/browse/list-results.tsx).
 */

export const INVOICE_STATUSES = ["unpaid", "overdue", "paid", "credited", "cancelled"] as const;
export const INVOICE_SORTS = ["number", "customer", "invoiceDate", "dueDate", "total", "balance", "status"] as const;
export type InvoiceSort = (typeof INVOICE_SORTS)[number];

const invoiceFilters = z.object({
  status: param.oneOf(INVOICE_STATUSES),
  booked: param.oneOf(["booked", "unbooked"]),
  from: param.isoDate,
  to: param.isoDate,
  customer: param.text,
});
export type InvoiceFilters = z.output<typeof invoiceFilters>;
export type InvoiceListQuery = ListQuery<InvoiceSort, InvoiceFilters>;

export const invoiceListSpec: ListSpec<InvoiceSort, InvoiceFilters> = { sorts: INVOICE_SORTS, defaultSort: "invoiceDate", defaultDir: "desc", filters: invoiceFilters };

/** Invoice list state from the URL (never throws; bad values become defaults). */
export function parseInvoiceQuery(input: SearchParamsInput): InvoiceListQuery {
  return parseListQuery(invoiceListSpec, input);
}

export const CUSTOMER_SORTS = ["number", "name", "organisationNumber", "type", "city", "email", "active"] as const;
export type CustomerSort = (typeof CUSTOMER_SORTS)[number];
export const CUSTOMER_TYPES = ["COMPANY", "PRIVATE"] as const;

const customerFilters = z.object({
  active: param.oneOf(["active", "inactive"]),
  type: param.oneOf(CUSTOMER_TYPES),
});
export type CustomerFilters = z.output<typeof customerFilters>;
export type CustomerListQuery = ListQuery<CustomerSort, CustomerFilters>;

export const customerListSpec: ListSpec<CustomerSort, CustomerFilters> = { sorts: CUSTOMER_SORTS, defaultSort: "name", defaultDir: "asc", filters: customerFilters };

export function parseCustomerQuery(input: SearchParamsInput): CustomerListQuery {
  return parseListQuery(customerListSpec, input);
}

export const ARTICLE_SORTS = ["number", "description", "type", "unit", "salesPrice", "stock", "active"] as const;
export type ArticleSort = (typeof ARTICLE_SORTS)[number];
export const ARTICLE_TYPES = ["STOCK", "SERVICE"] as const;

const articleFilters = z.object({
  type: param.oneOf(ARTICLE_TYPES),
  active: param.oneOf(["active", "inactive"]),
  stock: param.oneOf(["in", "out"]),
});
export type ArticleFilters = z.output<typeof articleFilters>;
export type ArticleListQuery = ListQuery<ArticleSort, ArticleFilters>;

export const articleListSpec: ListSpec<ArticleSort, ArticleFilters> = { sorts: ARTICLE_SORTS, defaultSort: "number", defaultDir: "asc", filters: articleFilters };

export function parseArticleQuery(input: SearchParamsInput): ArticleListQuery {
  return parseListQuery(articleListSpec, input);
}
