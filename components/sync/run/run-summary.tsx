import Link from "next/link";

import { formatDateTime, formatNumber } from "@/lib/format";
import type { RunDetail } from "@/lib/sync/run-detail";
import { Badge, Fact } from "@/components/ui/table";

import { formatDuration, STATUS_TONE } from "../format";
import type { Locale, RunT } from "./types";

/** The run at a glance: status, kind, times, cost, and the error that ended it. */
export function RunSummary({ detail, t, locale, now }: { detail: RunDetail; t: RunT; locale: Locale; now: Date }) {
  const { run } = detail;
  const n = (v: number) => formatNumber(v, locale, 0);
  const when = (iso: string | null) => (iso ? <time dateTime={iso}>{formatDateTime(new Date(iso), locale)}</time> : t("sync.run.notYet"));
  const started = run.startedAt ? Date.parse(run.startedAt) : null;
  const ended = run.finishedAt ? Date.parse(run.finishedAt) : now.getTime();
  return (
    <div className="space-y-4">
      <dl className="grid gap-4 sm:grid-cols-3 lg:grid-cols-4">
        <Fact term={t("sync.runs.status")}>
          <span data-testid="run-status" data-status={run.status}>
            <Badge tone={STATUS_TONE[run.status]}>{t(`sync.status.${run.status}`)}</Badge>
          </span>
        </Fact>
        <Fact term={t("sync.runs.kind")}>{t(`sync.kind.${run.kind}`)}</Fact>
        <Fact term={t("sync.runs.trigger")}>{t(`sync.trigger.${run.trigger}`)}</Fact>
        <Fact term={t("sync.runs.duration")}>{started !== null ? formatDuration(ended - started) : "–"}</Fact>
        <Fact term={t("sync.run.queuedAt")}>{when(run.createdAt)}</Fact>
        <Fact term={t("sync.run.startedAt")}>{when(run.startedAt)}</Fact>
        <Fact term={t("sync.run.finishedAt")}>{when(run.finishedAt)}</Fact>
        <Fact term={t("sync.runs.requests")}>{n(run.requests)}</Fact>
        <Fact term={t("sync.runs.rateLimited")}>{n(run.rateLimited)}</Fact>
        <Fact term={t("sync.runs.retries")}>{n(run.retries)}</Fact>
      </dl>
      {run.errorCode ? (
        <div className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900" data-testid="run-error">
          <span className="font-semibold">{t("sync.runs.error")}: </span>
          <code className="font-mono">{run.errorCode}</code>
          {run.errorMessage ? <p className="mt-1">{run.errorMessage}</p> : null}
        </div>
      ) : null}
      {detail.retryOf ? (
        <p className="text-sm text-slate-700">
          {t("sync.run.retryOf")}{" "}
          <Link href={`/sync/runs/${detail.retryOf}`} prefetch={false} className="t-link">
            {t("sync.run.retryOfLink")}
          </Link>
        </p>
      ) : null}
      {detail.retriedAs ? (
        <p className="text-sm text-slate-700">
          {t("sync.run.retriedAs")}{" "}
          <Link href={`/sync/runs/${detail.retriedAs}`} prefetch={false} className="t-link">
            {t("sync.run.retriedAsLink")}
          </Link>
        </p>
      ) : null}
    </div>
  );
}
