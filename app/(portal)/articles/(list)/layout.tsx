import type { ReactNode } from "react";

import { ARTICLE_TYPES, articleListSpec } from "@/lib/db/queries/articles";
import { getTranslator } from "@/lib/i18n/server";
import { sortSpec } from "@/components/browse/filter-specs";
import { ListFrame } from "@/components/browse/list-header";
import { ListFilters } from "@/components/browse/list-filters";

/** The article list's title and search form: rendered once per visit, not per view (ListFrame). */
export default async function ArticleListLayout({ children }: { children: ReactNode }) {
  const { t } = await getTranslator();
  return (
    <ListFrame
      title={t("articles.title")}
      newHref="/articles/new"
      newLabel={t("articles.new")}
      filters={
        <ListFilters
          action="/articles"
          label={t("list.filters")}
          sort={sortSpec(articleListSpec)}
          footer={{ pageSize: t("list.pageSize"), apply: t("list.apply"), reset: t("list.reset") }}
          fields={[
            { kind: "search", name: "q", label: t("list.search"), hint: t("articles.search.hint"), keyShortcut: "/" },
            { kind: "select", name: "type", label: t("articles.type"), anyLabel: t("list.all"), options: ARTICLE_TYPES.map((type) => ({ value: type, label: t(`articles.type.${type}`) })) },
            {
              kind: "select",
              name: "active",
              label: t("articles.state"),
              anyLabel: t("list.all"),
              options: [
                { value: "active", label: t("articles.state.active") },
                { value: "inactive", label: t("articles.state.inactive") },
              ],
            },
            {
              kind: "select",
              name: "stock",
              label: t("articles.stockFilter"),
              anyLabel: t("list.all"),
              options: [
                { value: "in", label: t("articles.stock.in") },
                { value: "out", label: t("articles.stock.out") },
              ],
            },
          ]}
        />
      }
    >
      {children}
    </ListFrame>
  );
}
