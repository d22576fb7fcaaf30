import type { SyncRunView } from "@/lib/sync/status";
import { formatNumber } from "@/lib/format";
import { Badge } from "@/components/ui/table";

import { STATUS_TONE, type SyncT } from "./format";

/**
 * One progress bar per resource of an open run: done out of total from the run's counts. The
 * total grows while a run learns what is due (pages listed, then details), so an unknown total
 * reads "waiting" rather than a misleading 0 %.
 */
export function RunProgress({ run, t, locale }: { run: SyncRunView; t: SyncT; locale: "sv" | "en" }) {
  return (
    <div data-testid="sync-progress" className="mt-4 rounded-md bg-slate-50 p-4">
      <h3 className="flex items-center gap-2 text-sm font-semibold">
        {t("sync.progress.title")} <Badge tone={STATUS_TONE[run.status]}>{t(`sync.status.${run.status}`)}</Badge>
      </h3>
      <ul className="mt-3 space-y-3">
        {run.resources.map((resource) => {
          const c = run.counts[resource];
          const done = c?.done ?? 0;
          const max = Math.max(c?.total ?? 0, done);
          const text = max > 0 ? t("sync.progress.value", { done: formatNumber(done, locale, 0), total: formatNumber(max, locale, 0) }) : t("sync.progress.waiting");
          const labelId = `sync-progress-${resource}`;
          return (
            <li key={resource}>
              <div className="flex justify-between text-sm">
                <span id={labelId} className="font-medium">
                  {t(`sync.resource.${resource}`)}
                </span>
                <span className="tabular-nums text-slate-700">{text}</span>
              </div>
              <div
                role="progressbar"
                aria-labelledby={labelId}
                aria-valuemin={0}
                aria-valuemax={Math.max(max, 1)}
                aria-valuenow={done}
                aria-valuetext={text}
                data-testid={`sync-progress-${resource}`}
                className="mt-1 h-2 w-full overflow-hidden rounded-full bg-slate-200"
              >
                <div className="h-full rounded-full bg-brand-600 transition-[width] duration-500" style={{ width: `${max > 0 ? Math.round((done / max) * 100) : 0}%` }} />
              </div>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
