import { formatNumber } from "@/lib/format";
import type { FailureRow } from "@/lib/sync/run-detail";
import { caption, table, TableScroll, td, tdWrap, th } from "@/components/ui/table";

import type { Locale, RunT } from "./types";

/** The records the run could not store, by their Fortnox numbers, and why. */
export function RunFailures({ failures, more, t, locale }: { failures: FailureRow[]; more: number; t: RunT; locale: Locale }) {
  if (failures.length === 0 && more === 0) return <p className="text-slate-600">{t("sync.run.failures.none")}</p>;
  return (
    <div className="space-y-2">
      <p className="text-sm text-slate-700">{t("sync.run.failures.lead")}</p>
      <TableScroll label={t("sync.run.failures.title")}>
        <table className={table} data-testid="run-failures">
          <caption className={caption}>{t("sync.run.failures.caption")}</caption>
          <thead className="bg-slate-50">
            <tr>
              <th scope="col" className={th}>{t("sync.run.col.resource")}</th>
              <th scope="col" className={th}>{t("sync.run.col.number")}</th>
              <th scope="col" className={th}>{t("sync.run.col.reason")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {failures.map((f) => (
              <tr key={`${f.resource}-${f.number}`} data-testid="run-failure">
                <td className={td}>{t(`sync.resource.${f.resource}`)}</td>
                <th scope="row" className={`${td} font-mono font-normal`}>{f.number}</th>
                <td className={`${tdWrap} text-xs`}>{f.error}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {more > 0 ? <p className="text-sm text-slate-700">{t("sync.run.failures.more", { count: formatNumber(more, locale, 0) })}</p> : null}
    </div>
  );
}
