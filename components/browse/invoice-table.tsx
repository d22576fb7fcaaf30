import type { InvoiceListItem } from "@/lib/db/queries/invoices";
import { formatDate, formatMoney } from "@/lib/format";
import { caption, table, TableScroll } from "@/components/ui/table";

import { invoiceBadges } from "./invoice-status";
import { EmptyRow, type Translate } from "./list-header";
import { ListRows, type ListColumn, type ListRow } from "./list-rows";
import { SortHeader, type SortState } from "./sort-header";

const COLUMNS: ListColumn[] = ["header", "text", "text", "text", "numeric", "numeric", "text"];

function invoiceRow(r: InvoiceListItem, today: string, t: Translate, locale: "sv" | "en"): ListRow {
  return {
    key: r.documentNumber,
    cells: [
      { href: `/invoices/${r.documentNumber}`, text: String(r.documentNumber), rowLink: true },
      { href: `/customers/${encodeURIComponent(r.customerNumber)}`, text: r.customerName, sub: r.customerNumber },
      formatDate(r.invoiceDate),
      formatDate(r.dueDate),
      formatMoney(r.total, r.currency, locale),
      formatMoney(r.balance, r.currency, locale),
      { badges: invoiceBadges(r, today, t) },
    ],
  };
}

/** The invoice list table; every column header sorts. */
export function InvoiceTable({ rows, sort, today, size, t, locale }: { rows: InvoiceListItem[]; sort: SortState; today: string; size: number; t: Translate; locale: "sv" | "en" }) {
  return (
    <TableScroll label={t("invoices.title")}>
      <table className={table} data-testid="invoice-table">
        <caption className={caption}>{t("invoices.caption", { size: String(size) })}</caption>
        <thead className="bg-slate-50">
          <tr>
            <SortHeader state={sort} column="number" label={t("invoices.number")} firstDir="desc" />
            <SortHeader state={sort} column="customer" label={t("invoices.customer")} />
            <SortHeader state={sort} column="invoiceDate" label={t("invoices.invoiceDate")} firstDir="desc" />
            <SortHeader state={sort} column="dueDate" label={t("invoices.dueDate")} />
            <SortHeader state={sort} column="total" label={t("invoices.total")} numeric firstDir="desc" />
            <SortHeader state={sort} column="balance" label={t("invoices.balance")} numeric firstDir="desc" />
            <SortHeader state={sort} column="status" label={t("invoices.status")} />
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.length === 0 ? <EmptyRow colSpan={7} text={t("list.empty")} /> : null}
          <ListRows rows={rows.map((r) => invoiceRow(r, today, t, locale))} columns={COLUMNS} />
        </tbody>
      </table>
    </TableScroll>
  );
}
