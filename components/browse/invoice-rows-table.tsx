import type { InvoiceDetail } from "@/lib/db/queries/invoices";
import { formatMoney, formatNumber } from "@/lib/format";
import { caption, table, TableScroll, td, tdNumeric, tdWrap, th, thNumeric } from "@/components/ui/table";

import type { Translate } from "./list-header";

type Invoice = NonNullable<InvoiceDetail>;

/** An invoice's rows with Net, VAT, the rounding and Total underneath (Fortnox's own totals, not recomputed). */
export function InvoiceRowsTable({ invoice, t, locale }: { invoice: Invoice; t: Translate; locale: "sv" | "en" }) {
  const money = (n: number | null) => (n === null ? t("common.unknown") : formatMoney(n, invoice.currency, locale));
  return (
    <TableScroll label={t("invoices.rows")}>
      <table className={table} data-testid="invoice-rows">
        <caption className={caption}>{t("invoices.rows")}</caption>
        <thead className="bg-slate-50">
          <tr>
            <th scope="col" className={th}>
              {t("invoices.row.article")}
            </th>
            <th scope="col" className={th}>
              {t("invoices.row.description")}
            </th>
            <th scope="col" className={thNumeric}>
              {t("invoices.row.quantity")}
            </th>
            <th scope="col" className={th}>
              {t("invoices.row.unit")}
            </th>
            <th scope="col" className={thNumeric}>
              {t("invoices.row.price")}
            </th>
            <th scope="col" className={thNumeric}>
              {t("invoices.row.discount")}
            </th>
            <th scope="col" className={thNumeric}>
              {t("invoices.row.vat")}
            </th>
            <th scope="col" className={thNumeric}>
              {t("invoices.row.total")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {invoice.rows.map((r) => (
            <tr key={r.id}>
              <td className={td}>{r.articleNumber ?? ""}</td>
              <td className={tdWrap}>{r.description ?? ""}</td>
              <td className={tdNumeric}>{r.quantity === null ? "" : formatNumber(r.quantity, locale)}</td>
              <td className={td}>{r.unit ?? ""}</td>
              <td className={tdNumeric}>{r.price === null ? "" : money(r.price)}</td>
              <td className={tdNumeric}>{r.discount ? formatNumber(r.discount, locale, 2) : ""}</td>
              <td className={tdNumeric}>{r.vat === null ? "" : formatNumber(r.vat, locale, 2)}</td>
              <td className={tdNumeric}>{r.total === null ? "" : money(r.total)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot className="border-t-2 border-slate-200">
          {(
            [
              ["invoices.net", invoice.net],
              ["invoices.vat", invoice.totalVat],
              // Only when Fortnox rounded the total (öresavrundning), so the lines add up.
              ...(invoice.roundOff === null ? [] : ([["invoices.roundOff", invoice.roundOff]] as const)),
              ["invoices.total", invoice.total],
            ] as const
          ).map(([key, value]) => (
            <tr key={key}>
              <th scope="row" colSpan={7} className={`${thNumeric} ${key === "invoices.total" ? "text-slate-900" : ""}`}>
                {t(key)}
              </th>
              <td className={`${tdNumeric} ${key === "invoices.total" ? "font-semibold" : ""}`} data-testid={`invoice-${key.slice(9)}`}>
                {money(value)}
              </td>
            </tr>
          ))}
        </tfoot>
      </table>
    </TableScroll>
  );
}
