"use client";

import { useQuery } from "@tanstack/react-query";

import type { SyncStatus } from "@/lib/sync/status";

/** Poll fast while a run is open (the bars and the dashboard's tiles move), slowly otherwise (a scheduled run may start). */
export const OPEN_POLL_MS = 1_000;
export const IDLE_POLL_MS = 15_000;

export const syncStatusKey = (connectionId: string) => ["sync-status", connectionId] as const;

async function fetchStatus(connectionId: string, signal: AbortSignal): Promise<SyncStatus> {
  const res = await fetch(`/api/connections/${encodeURIComponent(connectionId)}/sync`, { signal, cache: "no-store" });
  if (!res.ok) throw new Error(`sync status answered ${res.status}`);
  return ((await res.json()) as { data: SyncStatus }).data;
}

/**
 * The connection's sync status, polled; every component on a page that asks shares one cache entry
 * and one request per poll (the status card, the dashboard's tiles, an invoice's rows notice).
 *
 * `initial` is required, and a page gives all its readers the same one: the cache entry holds the
 * first reader's, and the server renders the readers in the order their data arrives (an async
 * server component's comes later), not in the page's order as the browser hydrates them. A reader
 * without it rendered "no invoices yet" on the server and the running sync's text in the browser
 * (React's hydration error #418 on the first dashboard after connecting).
 */
export function useSyncStatus(connectionId: string, initial: SyncStatus) {
  return useQuery({
    queryKey: syncStatusKey(connectionId),
    queryFn: ({ signal }) => fetchStatus(connectionId, signal),
    initialData: initial,
    refetchInterval: (query) => (query.state.data?.openRun ? OPEN_POLL_MS : IDLE_POLL_MS),
  });
}
