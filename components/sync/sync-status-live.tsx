"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useRef } from "react";

import type { ActionResult } from "@/lib/actions/result";
import { syncNowAction, type SyncNowResult } from "@/lib/actions/sync";
import { formatDateTime, formatNumber } from "@/lib/format";
import type { SyncMessages } from "@/lib/i18n/messages/sync";
import type { SyncRunView, SyncStatus } from "@/lib/sync/status";
import { Badge } from "@/components/ui/table";
import { buttonPrimary, card } from "@/components/ui/styles";

import { STATUS_TONE, syncTranslator, type SyncT } from "./format";
import { RunProgress } from "./run-progress";
import { syncStatusKey, useSyncStatus } from "./use-sync-status";

/** The sync card's live part: last and next sync, progress while a run is open, and "Sync now". */
export function SyncStatusLive({ connectionId, initial, messages, locale }: { connectionId: string; initial: SyncStatus; messages: SyncMessages; locale: "sv" | "en" }) {
  const t = syncTranslator(messages);
  const router = useRouter();
  const queryClient = useQueryClient();
  const query = useSyncStatus(connectionId, initial);
  const data = query.data ?? initial;
  const dataUpdatedAt = query.dataUpdatedAt;
  // A server render (after a save, a revalidation or router.refresh) is at least as new as the cache.
  useEffect(() => {
    queryClient.setQueryData(syncStatusKey(connectionId), initial);
  }, [initial, queryClient, connectionId]);
  const [state, formAction, pending] = useActionState<ActionResult<SyncNowResult> | null, FormData>(syncNowAction, null);

  // A run that was open has ended: the server-rendered counts, charts and run list are stale now.
  const openId = data.openRun?.id ?? null;
  const seenOpen = useRef(openId);
  useEffect(() => {
    if (seenOpen.current && seenOpen.current !== openId) router.refresh();
    seenOpen.current = openId;
  }, [openId, router]);

  useEffect(() => {
    if (state?.ok) void queryClient.invalidateQueries({ queryKey: syncStatusKey(connectionId) });
  }, [state, queryClient, connectionId]);

  return (
    <section aria-labelledby="sync-card-title" className={card} data-testid="sync-status">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="sync-card-title" className="font-semibold">
          {t("sync.card.title")}
        </h2>
        <form action={formAction}>
          <input type="hidden" name="connectionId" value={connectionId} />
          <button type="submit" className={buttonPrimary} disabled={pending} aria-busy={pending || undefined}>
            {pending ? t("sync.now.pending") : t("sync.now")}
          </button>
        </form>
      </div>
      <p role="status" className="mt-2 text-sm text-slate-700 empty:hidden" data-testid="sync-now-message">
        {state?.ok ? t(state.data.created ? "sync.now.started" : "sync.now.alreadyOpen") : ""}
      </p>
      {state && !state.ok ? (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {state.message}
        </p>
      ) : null}
      {data.openRun ? <RunProgress run={data.openRun} t={t} locale={locale} /> : null}
      <dl className="mt-4 grid gap-x-8 gap-y-3 text-sm sm:grid-cols-2">
        <div>
          <dt className="text-slate-600">{t("sync.last")}</dt>
          <dd className="mt-0.5">{data.lastRun ? <LastRun run={data.lastRun} t={t} locale={locale} /> : t("sync.last.none")}</dd>
        </div>
        <div>
          <dt className="text-slate-600">{t("sync.next")}</dt>
          <dd className="mt-0.5" data-testid="sync-next">
            <NextRun status={data} checkedAt={dataUpdatedAt} t={t} locale={locale} />
          </dd>
        </div>
      </dl>
    </section>
  );
}

function LastRun({ run, t, locale }: { run: SyncRunView; t: SyncT; locale: "sv" | "en" }) {
  const sum = (k: "fetched" | "created" | "updated" | "deleted") => formatNumber(run.resources.reduce((n, r) => n + (run.counts[r]?.[k] ?? 0), 0), locale, 0);
  const at = run.finishedAt ?? run.createdAt;
  return (
    <>
      <span className="flex flex-wrap items-center gap-2">
        <span data-testid="sync-last-status">
          <Badge tone={STATUS_TONE[run.status]}>{t(`sync.status.${run.status}`)}</Badge>
        </span>
        <time dateTime={at}>{formatDateTime(new Date(at), locale)}</time>
        <span className="text-slate-600">· {t(`sync.kind.${run.kind}`)}</span>
      </span>
      <span className="mt-1 block text-slate-700">{t("sync.last.counts", { fetched: sum("fetched"), created: sum("created"), updated: sum("updated"), deleted: sum("deleted") })}</span>
      {run.errorCode ? (
        <span className="mt-1 block text-red-700">
          {t("sync.last.error")}: {run.errorCode}
          {run.errorMessage ? ` – ${run.errorMessage}` : ""}
        </span>
      ) : null}
    </>
  );
}

function NextRun({ status, checkedAt, t, locale }: { status: SyncStatus; checkedAt: number; t: SyncT; locale: "sv" | "en" }) {
  if (status.settings.paused) return <>{t("sync.next.paused")}</>;
  if (status.openRun || !status.nextRunAt) return <>{t("sync.next.afterCurrent")}</>;
  const at = new Date(status.nextRunAt);
  // The scheduler ticks every minute, so anything due within one (or overdue) starts at its next tick.
  if (at.getTime() - checkedAt < 60_000) return <>{t("sync.next.soon")}</>;
  return <time dateTime={status.nextRunAt}>{formatDateTime(at, locale)}</time>;
}
