import type { Metadata } from "next";

import { requireViewerPage } from "@/lib/auth/guards";
import { listView } from "@/lib/browse/list-view";
import { getDb } from "@/lib/db/client";
import { pageStart } from "@/lib/db/queries/list-params";
import { customerListSpec, listCustomersCounted, parseCustomerQuery } from "@/lib/db/queries/customers";
import { getTranslator } from "@/lib/i18n/server";
import { CustomerTable } from "@/components/browse/customer-table";
import { IgnoredParams } from "@/components/browse/ignored-params";
import { ResultsBar } from "@/components/browse/list-header";
import { Pager } from "@/components/browse/pager";
import { ResultCount } from "@/components/browse/result-count";
import { RowNavigation } from "@/components/browse/row-navigation";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("customers.title") };
}

export default async function CustomersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { active } = await requireViewerPage();
  const { t, locale } = await getTranslator();
  const raw = await searchParams;
  const query = parseCustomerQuery(raw);
  const db = await getDb();
  const { page, count } = await listCustomersCounted(db, active.connectionId, query);
  const start = pageStart(raw, page.prev !== null);
  const view = listView(customerListSpec, query, "customers", active.connectionId, raw);
  // The filters' labels, naming the values the URL gave that the list could not use.
  const labels = { q: t("list.search"), active: t("customers.state"), type: t("customers.type"), size: t("list.pageSize") };
  return (
    <div className="space-y-6">
      <IgnoredParams ignored={view.ignored} labels={labels} t={t} />
      <RowNavigation rowsKey={`${page.rows[0]?.id}:${page.rows.at(-1)?.id}`} searchId="f-q" hint={t("list.keyboard")}>
        <ResultsBar exportHref={view.exportHref} exportLabel={t("list.export")}>
          <ResultCount count={count} start={start} shown={page.rows.length} t={t} locale={locale} />
        </ResultsBar>
        <CustomerTable rows={page.rows} size={query.size} t={t} sort={{ path: "/customers", params: view.unsorted, sort: query.sort, dir: query.dir, labels: { asc: t("list.sortedAsc"), desc: t("list.sortedDesc") } }} />
      </RowNavigation>
      <Pager path="/customers" params={view.params} prev={page.prev} next={page.next} position={{ start, shown: page.rows.length, size: query.size }} labels={{ nav: t("list.pagination"), prev: t("list.prev"), next: t("list.next") }} />
    </div>
  );
}
