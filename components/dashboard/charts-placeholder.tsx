"use client";

import type { SyncStatus } from "@/lib/sync/status";
import { useSyncStatus } from "@/components/sync/use-sync-status";

/**
 * In place of the charts while none are stored: "no invoices yet", or, while a sync that brings
 * invoices runs, that the charts come with it. The charts are drawn on the server, and the page is
 * rendered again when the run ends (components/sync/sync-status-live.tsx); the tiles above already
 * climb during the run, so a plain "no invoices yet" beside "300 invoices" would contradict them.
 * It shares the tiles' status poll: no request of its own.
 */
export function ChartsPlaceholder({ connectionId, initial, empty, afterSync }: { connectionId: string; initial: SyncStatus; empty: string; afterSync: string }) {
  const { data } = useSyncStatus(connectionId, initial);
  const syncingInvoices = (data ?? initial).openRun?.resources.includes("invoices") ?? false;
  return (
    <p className="text-slate-600" data-testid="charts-placeholder">
      {syncingInvoices ? afterSync : empty}
    </p>
  );
}
