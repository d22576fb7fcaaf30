import type { Metadata } from "next";

import { requireViewerPage } from "@/lib/auth/guards";
import { listView } from "@/lib/browse/list-view";
import { getDb } from "@/lib/db/client";
import { pageStart } from "@/lib/db/queries/list-params";
import { invoiceListSpec, listInvoicesCounted, parseInvoiceQuery } from "@/lib/db/queries/invoices";
import { todayInStockholm } from "@/lib/format";
import { getTranslator } from "@/lib/i18n/server";
import { IgnoredParams } from "@/components/browse/ignored-params";
import { InvoiceTable } from "@/components/browse/invoice-table";
import { ResultsBar } from "@/components/browse/list-header";
import { Pager } from "@/components/browse/pager";
import { ResultCount } from "@/components/browse/result-count";
import { RowNavigation } from "@/components/browse/row-navigation";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("invoices.title") };
}

export default async function InvoicesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { active } = await requireViewerPage();
  const { t, locale } = await getTranslator();
  const raw = await searchParams;
  const query = parseInvoiceQuery(raw);
  const today = todayInStockholm();
  const db = await getDb();
  const { page, count } = await listInvoicesCounted(db, active.connectionId, query, today);
  const view = listView(invoiceListSpec, query, "invoices", active.connectionId, raw);
  // The filters' labels, naming the values the URL gave that the list could not use.
  const labels = { q: t("list.search"), status: t("invoices.status"), booked: t("invoices.bookedFilter"), from: t("invoices.from"), to: t("invoices.to"), customer: t("invoices.customerNumber"), size: t("list.pageSize") };
  const start = pageStart(raw, page.prev !== null);
  const f = query.filters;
  return (
    <div className="space-y-6">
      <IgnoredParams ignored={view.ignored} labels={labels} t={t} note={f.from && f.to && f.from > f.to ? t("invoices.dates.reversed", { from: f.from, to: f.to }) : null} />
      <RowNavigation rowsKey={`${page.rows[0]?.id}:${page.rows.at(-1)?.id}`} searchId="f-q" hint={t("list.keyboard")}>
        <ResultsBar exportHref={view.exportHref} exportLabel={t("list.export")}>
          <ResultCount count={count} start={start} shown={page.rows.length} t={t} locale={locale} />
        </ResultsBar>
        <InvoiceTable
          rows={page.rows}
          today={today}
          size={query.size}
          t={t}
          locale={locale}
          sort={{ path: "/invoices", params: view.unsorted, sort: query.sort, dir: query.dir, labels: { asc: t("list.sortedAsc"), desc: t("list.sortedDesc") } }}
        />
      </RowNavigation>
      <Pager
        path="/invoices"
        params={view.params}
        prev={page.prev}
        next={page.next}
        position={{ start, shown: page.rows.length, size: query.size }}
        labels={{ nav: t("list.pagination"), prev: t("list.prev"), next: t("list.next") }}
      />
    </div>
  );
}
