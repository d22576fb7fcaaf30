"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";

import { formatNumber } from "@/lib/format";
import type { SyncMessages } from "@/lib/i18n/messages/sync";
import type { SyncStatus } from "@/lib/sync/status";

import { syncTranslator } from "./format";
import { useSyncStatus } from "./use-sync-status";

/** How often the page is re-rendered while rows are arriving, so this invoice's appear without a reload. */
const REFRESH_MS = 3_000;

/**
 * An invoice whose rows are not stored yet. While a sync that includes invoices is running, its
 * rows are on their way (the detail phase fetches the newest invoices first): say so, with the run's
 * progress, and re-render the page as details arrive. Otherwise the rows come with the next sync.
 */
export function InvoiceRowsPending({ connectionId, initial, idle, messages, locale }: { connectionId: string; initial: SyncStatus; idle: string; messages: SyncMessages; locale: "sv" | "en" }) {
  const t = syncTranslator(messages);
  const router = useRouter();
  const { data } = useSyncStatus(connectionId, initial);
  const run = data?.openRun?.resources.includes("invoices") ? data.openRun : null;
  const c = run?.counts.invoices;
  const detailed = c?.detailed ?? 0;
  const lastRefresh = useRef(0);
  const wasOpen = useRef(false);
  useEffect(() => {
    const now = Date.now();
    // Rows moved (or the run just ended): this invoice's may be among them.
    if ((run && detailed > 0 && now - lastRefresh.current >= REFRESH_MS) || (!run && wasOpen.current)) {
      lastRefresh.current = now;
      router.refresh();
    }
    wasOpen.current = run !== null;
  }, [run, detailed, router]);

  if (!run) return <p className="text-sm text-slate-600" data-testid="invoice-rows-pending">{idle}</p>;
  const total = Math.max(c?.detailTotal ?? 0, detailed);
  return (
    <p role="status" className="text-sm text-slate-700" data-testid="invoice-rows-pending" data-fetching="true">
      {t("sync.rows.fetching")}{" "}
      {total > 0 ? t("sync.rows.fetchingProgress", { done: formatNumber(detailed, locale, 0), total: formatNumber(total, locale, 0) }) : t("sync.rows.listing")}
    </p>
  );
}
