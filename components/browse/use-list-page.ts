"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";

import type { ListResource } from "@/lib/browse/list-view";
import { sameSearch } from "@/lib/browse/url";
import type { ResultCount } from "@/lib/db/queries/counts";
import { todayInStockholm } from "@/lib/format";

/** One page of a list as `GET /api/connections/:id/{resource}` answers it. */
export interface ListPageData<Row> {
  rows: Row[];
  next: string | null;
  prev: string | null;
  count: ResultCount;
}

/** A page with the URL search it answers and the Stockholm date its states were read on. */
export interface ShownPage<Row> {
  search: string;
  page: ListPageData<Row>;
  today: string;
}

export class ListFetchError extends Error {
  constructor(readonly status: number) {
    super(`The list could not be fetched (HTTP ${status}).`);
  }
}

async function fetchPage<Row>(connectionId: string, resource: ListResource, search: string, signal: AbortSignal): Promise<ShownPage<Row>> {
  const url = `/api/connections/${encodeURIComponent(connectionId)}/${resource}${search ? `?${search}` : ""}`;
  const response = await fetch(url, { signal, cache: "no-store", headers: { accept: "application/json" } });
  if (!response.ok) throw new ListFetchError(response.status);
  const body = (await response.json()) as { data: ListPageData<Row> };
  return { search, page: body.data, today: todayInStockholm() };
}

/**
 * The page to show for the URL's `search`. The server rendered `initial` for the URL the list was
 * opened (or refreshed) on; any other search (a page, a sort, a filter: history.pushState) is
 * fetched as JSON. Until it arrives the last page stays on screen, marked loading. A session that
 * ended, or a company no longer the user's, reloads the page so the server sends them where they
 * belong; other failures are shown with a retry.
 */
export function useListPage<Row>(resource: ListResource, connectionId: string, search: string, initial: ShownPage<Row>) {
  const fromServer = sameSearch(search, initial.search);
  const query = useQuery({
    queryKey: ["list", connectionId, resource, search],
    queryFn: ({ signal }) => fetchPage<Row>(connectionId, resource, search, signal),
    enabled: !fromServer,
    // Always re-read on return to a page: the list follows a running sync.
    staleTime: 0,
    retry: (failures, error) => failures < 1 && !(error instanceof ListFetchError && error.status < 500),
  });
  const current = fromServer ? initial : query.data;
  const [last, setLast] = useState(current ?? initial);
  if (current && current !== last) setLast(current);

  const error = fromServer ? null : query.error;
  const signedOut = error instanceof ListFetchError && (error.status === 401 || error.status === 403 || error.status === 404);
  useEffect(() => {
    if (signedOut) window.location.reload();
  }, [signedOut]);

  return { shown: current ?? last, loading: !current && !error, error: signedOut ? null : error, retry: () => void query.refetch() };
}
