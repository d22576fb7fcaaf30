import { formatNumber } from "@/lib/format";
import type { PhaseRow } from "@/lib/sync/run-detail";
import type { ResourceCounts } from "@/lib/sync/runs";
import type { SyncRunView } from "@/lib/sync/status";
import { caption, table, TableScroll, td, tdNumeric, tdWrap, th, thNumeric } from "@/components/ui/table";

import { formatDuration } from "../format";
import type { Locale, RunT } from "./types";

/** What one phase did, in words: listing and details count records, deletions what went. */
function records(row: PhaseRow, c: ResourceCounts, t: RunT, n: (v: number) => string): string {
  switch (row.phase) {
    case "list":
      return t("sync.run.records.list", { listed: n(c.listed), total: n(c.listTotal), created: n(c.created), updated: n(c.updated), unchanged: n(c.unchanged) });
    case "details":
      return t("sync.run.records.details", { done: n(c.detailed), total: n(c.detailTotal) });
    case "deletions":
      return t("sync.run.records.deletions", { deleted: n(c.deleted) });
    default:
      return t("sync.run.records.inactive");
  }
}

/** Every resource phase by phase: records, requests, 429s, retries and time. */
export function RunPhases({ run, phases, t, locale }: { run: SyncRunView; phases: PhaseRow[]; t: RunT; locale: Locale }) {
  if (phases.length === 0) return <p className="text-slate-600">{t("sync.run.resources.empty")}</p>;
  const n = (v: number) => formatNumber(v, locale, 0);
  return (
    <TableScroll label={t("sync.run.resources.title")}>
      <table className={table} data-testid="run-phases">
        <caption className={caption}>{t("sync.run.resources.caption")}</caption>
        <thead className="bg-slate-50">
          <tr>
            <th scope="col" className={th}>{t("sync.run.col.resource")}</th>
            <th scope="col" className={th}>{t("sync.run.col.phase")}</th>
            <th scope="col" className={th}>{t("sync.run.col.records")}</th>
            <th scope="col" className={thNumeric}>{t("sync.runs.requests")}</th>
            <th scope="col" className={thNumeric}>{t("sync.runs.rateLimited")}</th>
            <th scope="col" className={thNumeric}>{t("sync.runs.retries")}</th>
            <th scope="col" className={thNumeric}>{t("sync.runs.duration")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {phases.map((row) => {
            const { stats } = row;
            const took = stats.finishedAt ? formatDuration(Date.parse(stats.finishedAt) - Date.parse(stats.startedAt)) : t("sync.run.phase.unfinished");
            return (
              <tr key={`${row.resource}-${row.phase}`} data-testid="run-phase" data-resource={row.resource} data-phase={row.phase}>
                <th scope="row" className={`${td} font-medium`}>{t(`sync.resource.${row.resource}`)}</th>
                <td className={td}>{t(`sync.run.phase.${row.phase}`)}</td>
                <td className={`${tdWrap} text-xs`}>{records(row, run.counts[row.resource]!, t, n)}</td>
                <td className={tdNumeric}>{n(stats.requests)}</td>
                <td className={tdNumeric}>{n(stats.rateLimited)}</td>
                <td className={tdNumeric}>{n(stats.retries)}</td>
                <td className={tdNumeric}>{took}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}
