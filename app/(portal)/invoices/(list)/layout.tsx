import type { ReactNode } from "react";

import { INVOICE_STATUSES, invoiceListSpec } from "@/lib/db/queries/invoices";
import { getTranslator } from "@/lib/i18n/server";
import { ListFrame } from "@/components/browse/list-header";
import { ListFilters } from "@/components/browse/list-filters";
import { dateFilter, sortSpec } from "@/components/browse/filter-specs";

/** The invoice list's title and search form: rendered once per visit, not per view (ListFrame). */
export default async function InvoiceListLayout({ children }: { children: ReactNode }) {
  const { t } = await getTranslator();
  return (
    <ListFrame
      title={t("invoices.title")}
      newHref="/invoices/new"
      newLabel={t("invoices.new")}
      filters={
        <ListFilters
          action="/invoices"
          label={t("list.filters")}
          sort={sortSpec(invoiceListSpec)}
          footer={{ pageSize: t("list.pageSize"), apply: t("list.apply"), reset: t("list.reset") }}
          fields={[
            { kind: "search", name: "q", label: t("list.search"), hint: t("invoices.search.hint"), wide: true, keyShortcut: "/" },
            { kind: "select", name: "status", label: t("invoices.status"), anyLabel: t("list.all"), options: INVOICE_STATUSES.map((s) => ({ value: s, label: t(`invoices.status.${s}`) })) },
            {
              kind: "select",
              name: "booked",
              label: t("invoices.bookedFilter"),
              anyLabel: t("list.all"),
              options: [
                { value: "booked", label: t("invoices.booked.booked") },
                { value: "unbooked", label: t("invoices.booked.unbooked") },
              ],
            },
            dateFilter("from", t("invoices.from"), t),
            dateFilter("to", t("invoices.to"), t),
            { kind: "text", name: "customer", label: t("invoices.customerNumber") },
          ]}
        />
      }
    >
      {children}
    </ListFrame>
  );
}
