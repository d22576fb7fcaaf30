import type { Metadata } from "next";

import { requireViewerPage } from "@/lib/auth/guards";
import { listView } from "@/lib/browse/list-view";
import { getDb } from "@/lib/db/client";
import { pageStart } from "@/lib/db/queries/list-params";
import { articleListSpec, listArticlesCounted, parseArticleQuery } from "@/lib/db/queries/articles";
import { getTranslator } from "@/lib/i18n/server";
import { ArticleTable } from "@/components/browse/article-table";
import { IgnoredParams } from "@/components/browse/ignored-params";
import { ResultsBar } from "@/components/browse/list-header";
import { Pager } from "@/components/browse/pager";
import { ResultCount } from "@/components/browse/result-count";
import { RowNavigation } from "@/components/browse/row-navigation";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("articles.title") };
}

export default async function ArticlesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { active } = await requireViewerPage();
  const { t, locale } = await getTranslator();
  const raw = await searchParams;
  const query = parseArticleQuery(raw);
  const db = await getDb();
  const { page, count } = await listArticlesCounted(db, active.connectionId, query);
  const start = pageStart(raw, page.prev !== null);
  const view = listView(articleListSpec, query, "articles", active.connectionId, raw);
  // The filters' labels, naming the values the URL gave that the list could not use.
  const labels = { q: t("list.search"), type: t("articles.type"), active: t("articles.state"), stock: t("articles.stockFilter"), size: t("list.pageSize") };
  return (
    <div className="space-y-6">
      <IgnoredParams ignored={view.ignored} labels={labels} t={t} />
      <RowNavigation rowsKey={`${page.rows[0]?.id}:${page.rows.at(-1)?.id}`} searchId="f-q" hint={t("list.keyboard")}>
        <ResultsBar exportHref={view.exportHref} exportLabel={t("list.export")}>
          <ResultCount count={count} start={start} shown={page.rows.length} t={t} locale={locale} />
        </ResultsBar>
        <ArticleTable rows={page.rows} size={query.size} t={t} locale={locale} sort={{ path: "/articles", params: view.unsorted, sort: query.sort, dir: query.dir, labels: { asc: t("list.sortedAsc"), desc: t("list.sortedDesc") } }} />
      </RowNavigation>
      <Pager path="/articles" params={view.params} prev={page.prev} next={page.next} position={{ start, shown: page.rows.length, size: query.size }} labels={{ nav: t("list.pagination"), prev: t("list.prev"), next: t("list.next") }} />
    </div>
  );
}
