import type { ReactNode } from "react";

import { ARTICLE_TYPES, articleListSpec } from "@/lib/db/queries/articles";
import { selectFilter } from "@/components/browse/filter-specs";
import { ListLayout } from "@/components/browse/list-layout";

export default function ArticleListLayout({ children }: { children: ReactNode }) {
  return (
    <ListLayout
      resource="articles"
      sort={articleListSpec}
      fields={(t) => [
        { kind: "search", name: "q", label: t("list.search"), hint: t("articles.search.hint"), keyShortcut: "/" },
        selectFilter("type", t("articles.type"), t, ARTICLE_TYPES.map((type) => [type, `articles.type.${type}`] as const)),
        selectFilter("active", t("articles.state"), t, [
          ["active", "articles.state.active"],
          ["inactive", "articles.state.inactive"],
        ]),
        selectFilter("stock", t("articles.stockFilter"), t, [
          ["in", "articles.stock.in"],
          ["out", "articles.stock.out"],
        ]),
      ]}
    >
      {children}
    </ListLayout>
  );
}
