import Link from "next/link";

import type { CustomerListItem } from "@/lib/db/queries/customers";
import { formatOrganisationNumber } from "@/lib/format";
import { Badge, caption, link, table, TableScroll, td, thRow } from "@/components/ui/table";

import { EmptyRow, type Translate } from "./list-header";
import { SortHeader, type SortState } from "./sort-header";

export function customerTypeLabel(type: string | null, t: Translate): string {
  return type === "COMPANY" || type === "PRIVATE" ? t(`customers.type.${type}`) : t("common.unknown");
}

/** The customer list table; every column header sorts. */
export function CustomerTable({ rows, sort, size, t }: { rows: CustomerListItem[]; sort: SortState; size: number; t: Translate }) {
  return (
    <TableScroll label={t("customers.title")}>
      <table className={table} data-testid="customer-table">
        <caption className={caption}>{t("customers.caption", { size: String(size) })}</caption>
        <thead className="bg-slate-50">
          <tr>
            <SortHeader state={sort} column="number" label={t("customers.number")} />
            <SortHeader state={sort} column="name" label={t("customers.name")} />
            <SortHeader state={sort} column="organisationNumber" label={t("customers.organisationNumber")} />
            <SortHeader state={sort} column="type" label={t("customers.type")} />
            <SortHeader state={sort} column="city" label={t("customers.city")} />
            <SortHeader state={sort} column="email" label={t("customers.email")} />
            <SortHeader state={sort} column="active" label={t("customers.active")} />
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.length === 0 ? <EmptyRow colSpan={7} text={t("list.empty")} /> : null}
          {rows.map((c) => (
            <tr key={c.customerNumber}>
              <td className={td}>{c.customerNumber}</td>
              <th scope="row" className={thRow}>
                <Link data-row-link href={`/customers/${encodeURIComponent(c.customerNumber)}`} className={link} prefetch={false}>
                  {c.name}
                </Link>
              </th>
              <td className={td}>{c.organisationNumber ? formatOrganisationNumber(c.organisationNumber) : t("common.unknown")}</td>
              <td className={td}>{customerTypeLabel(c.type, t)}</td>
              <td className={td}>{c.city ?? t("common.unknown")}</td>
              <td className={td}>{c.email ?? t("common.unknown")}</td>
              <td className={td}>{c.active === false ? <Badge tone="warn">{t("common.no")}</Badge> : t("common.yes")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
