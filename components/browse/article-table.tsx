import type { ArticleListItem } from "@/lib/db/queries/articles";
import { formatMoney, formatNumber } from "@/lib/format";
import { caption, table, TableScroll } from "@/components/ui/table";

import { EmptyRow, type Translate } from "./list-header";
import { ListRows, type ListColumn, type ListRow } from "./list-rows";
import { SortHeader, type SortState } from "./sort-header";

export function articleTypeLabel(type: string | null, t: Translate): string {
  return type === "STOCK" || type === "SERVICE" ? t(`articles.type.${type}`) : t("common.unknown");
}

const COLUMNS: ListColumn[] = ["text", "header", "text", "text", "numeric", "numeric", "text"];

function articleRow(a: ArticleListItem, t: Translate, locale: "sv" | "en"): ListRow {
  return {
    key: a.articleNumber,
    cells: [
      a.articleNumber,
      { href: `/articles/${encodeURIComponent(a.articleNumber)}`, text: a.description, rowLink: true },
      articleTypeLabel(a.type, t),
      a.unit ?? t("common.unknown"),
      a.salesPrice === null ? t("common.unknown") : formatMoney(a.salesPrice, "SEK", locale),
      formatNumber(a.quantityInStock, locale),
      a.active === false ? { badges: [{ tone: "warn", text: t("common.no") }] } : t("common.yes"),
    ],
  };
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
          <ListRows rows={rows.map((a) => articleRow(a, t, locale))} columns={COLUMNS} />
        </tbody>
      </table>
    </TableScroll>
  );
}
