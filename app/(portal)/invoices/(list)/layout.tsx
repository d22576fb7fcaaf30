import type { ReactNode } from "react";

import { INVOICE_STATUSES, invoiceListSpec } from "@/lib/db/queries/invoices";
import { dateFilter, selectFilter } from "@/components/browse/filter-specs";
import { ListLayout } from "@/components/browse/list-layout";

export default function InvoiceListLayout({ children }: { children: ReactNode }) {
  return (
    <ListLayout
      resource="invoices"
      sort={invoiceListSpec}
      fields={(t) => [
        { kind: "search", name: "q", label: t("list.search"), hint: t("invoices.search.hint"), wide: true, keyShortcut: "/" },
        selectFilter("status", t("invoices.status"), t, INVOICE_STATUSES.map((s) => [s, `invoices.status.${s}`] as const)),
        selectFilter("booked", t("invoices.bookedFilter"), t, [
          ["booked", "invoices.booked.booked"],
          ["unbooked", "invoices.booked.unbooked"],
        ]),
        dateFilter("from", t("invoices.from"), t),
        dateFilter("to", t("invoices.to"), t),
        { kind: "text", name: "customer", label: t("invoices.customerNumber") },
      ]}
    >
      {children}
    </ListLayout>
  );
}
