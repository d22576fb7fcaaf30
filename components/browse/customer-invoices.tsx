import { getDb } from "@/lib/db/client";
import { listInvoicesCounted, parseInvoiceQuery } from "@/lib/db/queries/invoices";
import { todayInStockholm } from "@/lib/format";
import { getTranslator } from "@/lib/i18n/server";

import { InvoiceTable } from "./invoice-table";
import { ResultCount } from "./result-count";

/**
 * A customer's latest invoices. Rendered inside a Suspense boundary by the customer page, after
 * the customer is known to exist (so an unknown customer still answers 404).
 */
export async function CustomerInvoices({ connectionId, customerNumber }: { connectionId: string; customerNumber: string }) {
  const { t, locale } = await getTranslator();
  const today = todayInStockholm();
  const db = await getDb();
  const query = parseInvoiceQuery({ customer: customerNumber, sort: "invoiceDate", dir: "desc", size: "10" });
  const { page: invoices, count } = await listInvoicesCounted(db, connectionId, query, today);
  if (invoices.rows.length === 0) return <p className="text-sm text-slate-600">{t("customers.invoices.none")}</p>;
  return (
    <>
      <ResultCount count={count} start={0} shown={invoices.rows.length} t={t} locale={locale} />
      <InvoiceTable
        rows={invoices.rows}
        today={today}
        size={query.size}
        t={t}
        locale={locale}
        sort={{ path: "/invoices", params: { customer: customerNumber }, sort: query.sort, dir: query.dir, labels: { asc: t("list.sortedAsc"), desc: t("list.sortedDesc") } }}
      />
    </>
  );
}
