import Link from "next/link";

import { formatDateTime, formatNumber } from "@/lib/format";
import type { SyncRunView } from "@/lib/sync/status";
import { Badge, caption, link, table, TableScroll, td, tdNumeric, tdWrap, th, thNumeric } from "@/components/ui/table";

import { formatDuration, STATUS_TONE, type SyncT } from "./format";

const COUNT_KEYS = ["fetched", "created", "updated", "deleted", "unchanged"] as const;

/**
 * Recent sync runs with their figures: what ran, how it went, and what it cost in requests. With
 * `linkRuns` (administrators) each run's start opens its page (app/(portal)/sync/runs/[runId]).
 */
export function SyncRunsTable({ runs, t, locale, now, linkRuns = false }: { runs: SyncRunView[]; t: SyncT; locale: "sv" | "en"; now: Date; linkRuns?: boolean }) {
  if (runs.length === 0) return <p className="text-slate-600">{t("sync.runs.empty")}</p>;
  const n = (v: number) => formatNumber(v, locale, 0);
  return (
    <TableScroll label={t("sync.runs.title")}>
      <table className={table} data-testid="sync-runs">
        <caption className={caption}>{t("sync.runs.caption")}</caption>
        <thead className="bg-slate-50">
          <tr>
            <th scope="col" className={th}>{t("sync.runs.started")}</th>
            <th scope="col" className={th}>{t("sync.runs.kind")}</th>
            <th scope="col" className={th}>{t("sync.runs.trigger")}</th>
            <th scope="col" className={th}>{t("sync.runs.status")}</th>
            <th scope="col" className={thNumeric}>{t("sync.runs.duration")}</th>
            <th scope="col" className={th}>{t("sync.runs.counts")}</th>
            <th scope="col" className={thNumeric}>{t("sync.runs.requests")}</th>
            <th scope="col" className={thNumeric}>{t("sync.runs.rateLimited")}</th>
            <th scope="col" className={thNumeric}>{t("sync.runs.retries")}</th>
            <th scope="col" className={th}>{t("sync.runs.error")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {runs.map((run) => {
            const started = run.startedAt ? new Date(run.startedAt) : null;
            const ended = run.finishedAt ? new Date(run.finishedAt) : now;
            const startedText = started ? <time dateTime={run.startedAt!}>{formatDateTime(started, locale)}</time> : t("sync.runs.notStarted");
            return (
              <tr key={run.id} data-testid="sync-run" data-status={run.status}>
                <th scope="row" className={`${td} font-normal`}>
                  {linkRuns ? (
                    <Link href={`/sync/runs/${run.id}`} prefetch={false} className={link} data-testid="sync-run-link">
                      {startedText}
                    </Link>
                  ) : (
                    startedText
                  )}
                </th>
                <td className={td}>{t(`sync.kind.${run.kind}`)}</td>
                <td className={td}>{t(`sync.trigger.${run.trigger}`)}</td>
                <td className={td}>
                  <Badge tone={STATUS_TONE[run.status]}>{t(`sync.status.${run.status}`)}</Badge>
                </td>
                <td className={tdNumeric}>{started ? formatDuration(ended.getTime() - started.getTime()) : "–"}</td>
                <td className={tdWrap}>
                  <ul className="min-w-64 space-y-0.5 text-xs">
                    {run.resources.map((r) => (
                      <li key={r}>
                        <span className="font-medium">{t(`sync.resource.${r}`)}:</span> {COUNT_KEYS.map((k) => `${n(run.counts[r]?.[k] ?? 0)} ${t(`sync.counts.${k}`)}`).join(", ")}
                        {run.counts[r]?.failed ? (
                          // Records the run could not store (it went on without them): which, and why.
                          <details className="mt-0.5 text-red-700" data-testid="run-failures">
                            <summary>{t("sync.counts.failed", { count: n(run.counts[r].failed) })}</summary>
                            <ul className="ml-4 list-disc">
                              {(run.counts[r].failures ?? []).map((f) => (
                                <li key={f.number}>
                                  {f.number}: {f.error}
                                </li>
                              ))}
                            </ul>
                          </details>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                </td>
                <td className={tdNumeric}>{n(run.requests)}</td>
                <td className={tdNumeric}>{n(run.rateLimited)}</td>
                <td className={tdNumeric}>{n(run.retries)}</td>
                <td className={`${tdWrap} max-w-xs text-xs`}>
                  {run.errorCode ? (
                    <>
                      <code className="font-mono">{run.errorCode}</code>
                      {run.errorMessage ? <span className="block text-slate-700">{run.errorMessage}</span> : null}
                    </>
                  ) : (
                    "–"
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}
