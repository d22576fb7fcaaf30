import Link from "next/link";

import type { ArticleListItem } from "@/lib/db/queries/articles";
import { formatMoney, formatNumber } from "@/lib/format";
import { Badge, caption, link, table, TableScroll, td, tdNumeric, thRow } from "@/components/ui/table";

import { EmptyRow, type Translate } from "./list-header";
import { SortHeader, type SortState } from "./sort-header";

export function articleTypeLabel(type: string | null, t: Translate): string {
  return type === "STOCK" || type === "SERVICE" ? t(`articles.type.${type}`) : t("common.unknown");
}

/** The article list table; every column header sorts. */
export function ArticleTable({ rows, sort, size, t, locale }: { rows: ArticleListItem[]; sort: SortState; size: number; t: Translate; locale: "sv" | "en" }) {
  return (
    <TableScroll label={t("articles.title")}>
      <table className={table} data-testid="article-table">
        <caption className={caption}>{t("articles.caption", { size: String(size) })}</caption>
        <thead className="bg-slate-50">
          <tr>
            <SortHeader state={sort} column="number" label={t("articles.number")} />
            <SortHeader state={sort} column="description" label={t("articles.description")} />
            <SortHeader state={sort} column="type" label={t("articles.type")} />
            <SortHeader state={sort} column="unit" label={t("articles.unit")} />
            <SortHeader state={sort} column="salesPrice" label={t("articles.salesPrice")} numeric firstDir="desc" />
            <SortHeader state={sort} column="stock" label={t("articles.stock")} numeric firstDir="desc" />
            <SortHeader state={sort} column="active" label={t("articles.active")} />
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.length === 0 ? <EmptyRow colSpan={7} text={t("list.empty")} /> : null}
          {rows.map((a) => (
            <tr key={a.articleNumber}>
              <td className={td}>{a.articleNumber}</td>
              <th scope="row" className={thRow}>
                <Link data-row-link href={`/articles/${encodeURIComponent(a.articleNumber)}`} className={link} prefetch={false}>
                  {a.description}
                </Link>
              </th>
              <td className={td}>{articleTypeLabel(a.type, t)}</td>
              <td className={td}>{a.unit ?? t("common.unknown")}</td>
              <td className={tdNumeric}>{a.salesPrice === null ? t("common.unknown") : formatMoney(a.salesPrice, "SEK", locale)}</td>
              <td className={tdNumeric}>{formatNumber(a.quantityInStock, locale)}</td>
              <td className={td}>{a.active === false ? <Badge tone="warn">{t("common.no")}</Badge> : t("common.yes")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
