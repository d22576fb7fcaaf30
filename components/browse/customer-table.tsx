import type { CustomerListItem } from "@/lib/db/queries/customers";
import { formatOrganisationNumber } from "@/lib/format";
import { caption, table, TableScroll } from "@/components/ui/table";

import { EmptyRow, type Translate } from "./list-header";
import { ListRows, type ListColumn, type ListRow } from "./list-rows";
import { SortHeader, type SortState } from "./sort-header";

export function customerTypeLabel(type: string | null, t: Translate): string {
  return type === "COMPANY" || type === "PRIVATE" ? t(`customers.type.${type}`) : t("common.unknown");
}

const COLUMNS: ListColumn[] = ["text", "header", "text", "text", "text", "text", "text"];

function customerRow(c: CustomerListItem, t: Translate): ListRow {
  return {
    key: c.customerNumber,
    cells: [
      c.customerNumber,
      { href: `/customers/${encodeURIComponent(c.customerNumber)}`, text: c.name, rowLink: true },
      c.organisationNumber ? formatOrganisationNumber(c.organisationNumber) : t("common.unknown"),
      customerTypeLabel(c.type, t),
      c.city ?? t("common.unknown"),
      c.email ?? t("common.unknown"),
      c.active === false ? { badges: [{ tone: "warn", text: t("common.no") }] } : t("common.yes"),
    ],
  };
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
          <ListRows rows={rows.map((c) => customerRow(c, t))} columns={COLUMNS} />
        </tbody>
      </table>
    </TableScroll>
  );
}
