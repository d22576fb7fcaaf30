import Link from "next/link";

import type { InvoiceListItem } from "@/lib/db/queries/invoices";
import { formatDate, formatMoney } from "@/lib/format";
import { caption, link, sub, table, TableScroll, td, tdNumeric, thRow } from "@/components/ui/table";

import { InvoiceStatus } from "./invoice-status";
import { EmptyRow, type Translate } from "./list-header";
import { SortHeader, type SortState } from "./sort-header";

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
          {rows.map((r) => (
            <tr key={r.documentNumber}>
              <th scope="row" className={thRow}>
                <Link data-row-link href={`/invoices/${r.documentNumber}`} className={link} prefetch={false}>
                  {r.documentNumber}
                </Link>
              </th>
              <td className={td}>
                <Link href={`/customers/${encodeURIComponent(r.customerNumber)}`} className={link} prefetch={false}>
                  {r.customerName}
                </Link>
                <span className={sub}>{r.customerNumber}</span>
              </td>
              <td className={td}>{formatDate(r.invoiceDate)}</td>
              <td className={td}>{formatDate(r.dueDate)}</td>
              <td className={tdNumeric}>{formatMoney(r.total, r.currency, locale)}</td>
              <td className={tdNumeric}>{formatMoney(r.balance, r.currency, locale)}</td>
              <td className={td}>
                <InvoiceStatus invoice={r} today={today} t={t} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
