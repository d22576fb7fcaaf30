"use client";

import { useSearchParams } from "next/navigation";
import { useMemo } from "react";

import { listView, type ListResource } from "@/lib/browse/list-view";
import { pageStart, parseListQuery } from "@/lib/db/queries/list-params";
import { clientTranslator, type ClientMessages } from "@/lib/i18n/client";
import { buttonSecondary } from "@/components/ui/styles";

import { IgnoredParams } from "./ignored-params";
import { LIST_KINDS } from "./list-kinds";
import { ResultsBar } from "./list-header";
import { Pager } from "./pager";
import { ResultCount } from "./result-count";
import { RowNavigation } from "./row-navigation";
import { useListPage, type ShownPage } from "./use-list-page";

const TOP_ID = "list-results";

/*
 * A list's results: what the URL's values were not used for, the count, the table and the pager.
 * The server renders the page the list is opened on (and every refresh); paging, sorting and
 * filtering then change only the URL, and the page for it comes as JSON from the same query the
 * server ran (`GET /api/connections/:id/{resource}`), drawn here with the same components. A view
 * costs the server the session check, the query and the JSON, not a render of the route (bench:ui
 * on PostgreSQL: 1.40× the framework floor's CPU per view, against 1.55× for rendered views).
 */
export function ListResults({ resource, connectionId, initial, messages, locale }: { resource: ListResource; connectionId: string; initial: ShownPage<unknown>; messages: ClientMessages; locale: "sv" | "en" }) {
  const search = useSearchParams().toString();
  const { shown, loading, error, retry } = useListPage(resource, connectionId, search, initial);
  const t = useMemo(() => clientTranslator(messages), [messages]);
  const kind = LIST_KINDS[resource];
  const params = new URLSearchParams(shown.search);
  const query = parseListQuery(kind.spec, params);
  const view = listView(kind.spec, query, resource, connectionId, params);
  const { rows, next, prev, count } = shown.page;
  const start = pageStart(params, prev !== null);
  const path = `/${resource}`;
  // Every list's rows carry their record id: the first and last say whether the rows changed.
  const withIds = rows as { id: string | number }[];
  return (
    <div id={TOP_ID} className="scroll-mt-4 space-y-6" aria-busy={loading} data-search={shown.search}>
      {error ? (
        <div role="alert" className="flex flex-wrap items-center justify-between gap-3 rounded-md border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-900" data-testid="list-error">
          <p>{t("list.loadFailed")}</p>
          <button type="button" className={buttonSecondary} onClick={retry}>
            {t("list.retry")}
          </button>
        </div>
      ) : null}
      <IgnoredParams ignored={view.ignored} labels={kind.labels(t)} t={t} note={kind.note?.(query, t) ?? null} />
      <RowNavigation rowsKey={`${withIds[0]?.id ?? ""}:${withIds.at(-1)?.id ?? ""}`} searchId="f-q" hint={t("list.keyboard")}>
        <ResultsBar exportHref={view.exportHref} exportLabel={t("list.export")}>
          <ResultCount count={count} start={start} shown={rows.length} t={t} locale={locale} />
        </ResultsBar>
        <div className={loading ? "opacity-60 transition-opacity delay-150" : undefined}>
          {kind.table({ rows, today: shown.today, size: query.size, t, locale, sort: { path, params: view.unsorted, sort: query.sort, dir: query.dir, labels: { asc: t("list.sortedAsc"), desc: t("list.sortedDesc") } } })}
        </div>
      </RowNavigation>
      <Pager
        path={path}
        params={view.params}
        prev={prev}
        next={next}
        position={{ start, shown: rows.length, size: query.size }}
        labels={{ nav: t("list.pagination"), prev: t("list.prev"), next: t("list.next") }}
        topId={TOP_ID}
      />
    </div>
  );
}
