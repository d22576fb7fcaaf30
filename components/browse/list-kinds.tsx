import type { ReactNode } from "react";

import type { ListResource } from "@/lib/browse/list-view";
import type { ArticleListItem } from "@/lib/db/queries/articles";
import type { CustomerListItem } from "@/lib/db/queries/customers";
import type { InvoiceListItem } from "@/lib/db/queries/invoices";
import type { ListQuery, ListSpec } from "@/lib/db/queries/list-params";
import { articleListSpec, customerListSpec, invoiceListSpec, type InvoiceFilters } from "@/lib/db/queries/list-specs";

import { ArticleTable } from "./article-table";
import { CustomerTable } from "./customer-table";
import { InvoiceTable } from "./invoice-table";
import type { Translate } from "./list-header";
import type { SortState } from "./sort-header";

/** What a list's table is drawn from: the page's rows and the state around them. */
export interface TableProps<Row> {
  rows: Row[];
  sort: SortState;
  size: number;
  today: string;
  t: Translate;
  locale: "sv" | "en";
}

/** How one list reads its URL, names its filters and draws its rows, on server and client alike. */
export interface ListKind<Row> {
  spec: ListSpec<string, object>;
  /** The filters' labels, naming the values the URL gave that the list could not use. */
  labels(t: Translate): Record<string, string>;
  /** A filter the list did use but that cannot match anything. */
  note?(query: ListQuery<string, object>, t: Translate): string | null;
  table(props: TableProps<Row>): ReactNode;
}

const kind = <Row,>(k: ListKind<Row>) => k as unknown as ListKind<unknown>;

export const LIST_KINDS: Record<ListResource, ListKind<unknown>> = {
  invoices: kind<InvoiceListItem>({
    spec: invoiceListSpec,
    labels: (t) => ({ q: t("list.search"), status: t("invoices.status"), booked: t("invoices.bookedFilter"), from: t("invoices.from"), to: t("invoices.to"), customer: t("invoices.customerNumber"), size: t("list.pageSize") }),
    note: (query, t) => {
      const f = query.filters as InvoiceFilters;
      return f.from && f.to && f.from > f.to ? t("invoices.dates.reversed", { from: f.from, to: f.to }) : null;
    },
    table: (p) => <InvoiceTable {...p} />,
  }),
  customers: kind<CustomerListItem>({
    spec: customerListSpec,
    labels: (t) => ({ q: t("list.search"), active: t("customers.state"), type: t("customers.type"), size: t("list.pageSize") }),
    table: ({ rows, sort, size, t }) => <CustomerTable rows={rows} sort={sort} size={size} t={t} />,
  }),
  articles: kind<ArticleListItem>({
    spec: articleListSpec,
    labels: (t) => ({ q: t("list.search"), type: t("articles.type"), active: t("articles.state"), stock: t("articles.stockFilter"), size: t("list.pageSize") }),
    table: ({ rows, sort, size, t, locale }) => <ArticleTable rows={rows} sort={sort} size={size} t={t} locale={locale} />,
  }),
};
