import type { Metadata } from "next";

import { requireViewerPage } from "@/lib/auth/guards";
import { listView } from "@/lib/browse/list-view";
import { getDb } from "@/lib/db/client";
import { pageStart } from "@/lib/db/queries/list-params";
import { INVOICE_STATUSES, invoiceListSpec, listInvoicesCounted, parseInvoiceQuery } from "@/lib/db/queries/invoices";
import { todayInStockholm } from "@/lib/format";
import { getTranslator } from "@/lib/i18n/server";
import { DateFilter, FilterGrid, FormFooter, SelectField, TextField } from "@/components/browse/fields";
import { FilterForm } from "@/components/browse/filter-form";
import { IgnoredParams } from "@/components/browse/ignored-params";
import { InvoiceTable } from "@/components/browse/invoice-table";
import { ListHeader } from "@/components/browse/list-header";
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
  // The filters' labels, also naming the values the URL gave that the list could not use.
  const labels = { q: t("list.search"), status: t("invoices.status"), booked: t("invoices.bookedFilter"), from: t("invoices.from"), to: t("invoices.to"), customer: t("invoices.customerNumber"), size: t("list.pageSize") };
  const start = pageStart(raw, page.prev !== null);
  const f = query.filters;
  return (
    <div className="space-y-6">
      <ListHeader title={t("invoices.title")} newHref="/invoices/new" newLabel={t("invoices.new")} exportHref={view.exportHref} exportLabel={t("list.export")} />
      <FilterForm action="/invoices" label={t("list.filters")}>
        <FilterGrid>
          <TextField name="q" type="search" label={labels.q} hint={t("invoices.search.hint")} defaultValue={query.q} wide keyShortcut="/" />
          <SelectField name="status" label={labels.status} value={f.status} anyLabel={t("list.all")} options={INVOICE_STATUSES.map((s) => ({ value: s, label: t(`invoices.status.${s}`) }))} />
          <SelectField
            name="booked"
            label={labels.booked}
            value={f.booked}
            anyLabel={t("list.all")}
            options={[
              { value: "booked", label: t("invoices.booked.booked") },
              { value: "unbooked", label: t("invoices.booked.unbooked") },
            ]}
          />
          <DateFilter name="from" label={labels.from} defaultValue={f.from} t={t} />
          <DateFilter name="to" label={labels.to} defaultValue={f.to} t={t} />
          <TextField name="customer" label={labels.customer} defaultValue={f.customer} />
        </FilterGrid>
        <FormFooter path="/invoices" size={query.size} sort={view.params.sort} dir={view.params.dir} labels={{ pageSize: labels.size, apply: t("list.apply"), reset: t("list.reset") }} />
      </FilterForm>
      <IgnoredParams ignored={view.ignored} labels={labels} t={t} note={f.from && f.to && f.from > f.to ? t("invoices.dates.reversed", { from: f.from, to: f.to }) : null} />
      <RowNavigation rowsKey={`${page.rows[0]?.id}:${page.rows.at(-1)?.id}`} searchId="f-q" hint={t("list.keyboard")}>
        <ResultCount count={count} start={start} shown={page.rows.length} t={t} locale={locale} />
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
