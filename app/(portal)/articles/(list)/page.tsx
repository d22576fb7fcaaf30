import type { Metadata } from "next";

import { requireViewerPage } from "@/lib/auth/guards";
import { listView } from "@/lib/browse/list-view";
import { getDb } from "@/lib/db/client";
import { pageStart } from "@/lib/db/queries/list-params";
import { ARTICLE_TYPES, articleListSpec, listArticlesCounted, parseArticleQuery } from "@/lib/db/queries/articles";
import { getTranslator } from "@/lib/i18n/server";
import { ArticleTable } from "@/components/browse/article-table";
import { FilterGrid, FormFooter, SelectField, TextField } from "@/components/browse/fields";
import { FilterForm } from "@/components/browse/filter-form";
import { IgnoredParams } from "@/components/browse/ignored-params";
import { ListHeader } from "@/components/browse/list-header";
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
  // The filters' labels, also naming the values the URL gave that the list could not use.
  const labels = { q: t("list.search"), type: t("articles.type"), active: t("articles.state"), stock: t("articles.stockFilter"), size: t("list.pageSize") };
  const f = query.filters;
  return (
    <div className="space-y-6">
      <ListHeader title={t("articles.title")} newHref="/articles/new" newLabel={t("articles.new")} exportHref={view.exportHref} exportLabel={t("list.export")} />
      <FilterForm action="/articles" label={t("list.filters")}>
        <FilterGrid>
          <TextField name="q" type="search" label={labels.q} hint={t("articles.search.hint")} defaultValue={query.q} keyShortcut="/" />
          <SelectField name="type" label={labels.type} value={f.type} anyLabel={t("list.all")} options={ARTICLE_TYPES.map((type) => ({ value: type, label: t(`articles.type.${type}`) }))} />
          <SelectField
            name="active"
            label={labels.active}
            value={f.active}
            anyLabel={t("list.all")}
            options={[
              { value: "active", label: t("articles.state.active") },
              { value: "inactive", label: t("articles.state.inactive") },
            ]}
          />
          <SelectField
            name="stock"
            label={labels.stock}
            value={f.stock}
            anyLabel={t("list.all")}
            options={[
              { value: "in", label: t("articles.stock.in") },
              { value: "out", label: t("articles.stock.out") },
            ]}
          />
        </FilterGrid>
        <FormFooter path="/articles" size={query.size} sort={view.params.sort} dir={view.params.dir} labels={{ pageSize: labels.size, apply: t("list.apply"), reset: t("list.reset") }} />
      </FilterForm>
      <IgnoredParams ignored={view.ignored} labels={labels} t={t} />
      <RowNavigation rowsKey={`${page.rows[0]?.id}:${page.rows.at(-1)?.id}`} searchId="f-q" hint={t("list.keyboard")}>
        <ResultCount count={count} start={start} shown={page.rows.length} t={t} locale={locale} />
        <ArticleTable rows={page.rows} size={query.size} t={t} locale={locale} sort={{ path: "/articles", params: view.unsorted, sort: query.sort, dir: query.dir, labels: { asc: t("list.sortedAsc"), desc: t("list.sortedDesc") } }} />
      </RowNavigation>
      <Pager path="/articles" params={view.params} prev={page.prev} next={page.next} position={{ start, shown: page.rows.length, size: query.size }} labels={{ nav: t("list.pagination"), prev: t("list.prev"), next: t("list.next") }} />
    </div>
  );
}
