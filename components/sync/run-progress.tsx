import type { SyncRunView } from "@/lib/sync/status";
import { formatNumber } from "@/lib/format";
import { Badge } from "@/components/ui/table";

import { formatDuration, STATUS_TONE, type SyncT } from "./format";

/** Resources with a detail phase (one GET per record: invoice rows, an article's type): a bar of their own. */
const DETAIL_LABELS: Partial<Record<string, "sync.progress.details.invoices" | "sync.progress.details.articles">> = {
  invoices: "sync.progress.details.invoices",
  articles: "sync.progress.details.articles",
};

/**
 * One bar per phase of each resource of an open run: records listed of what Fortnox said the
 * listing holds, and (invoices) details fetched of those that need them. A total not yet known
 * reads "waiting" rather than a misleading 0 %. Below: the pace the worker measured and the time
 * left at the company's request budget.
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
          const name = t(`sync.resource.${resource}`);
          const detailLabel = DETAIL_LABELS[resource];
          return (
            <li key={resource} className="space-y-2">
              <Bar id={`sync-progress-${resource}`} label={name} done={c?.listed ?? 0} total={c?.listTotal ?? 0} waiting={t("sync.progress.waiting")} t={t} locale={locale} />
              {detailLabel ? (
                <Bar
                  id={`sync-progress-${resource}-details`}
                  label={t(detailLabel)}
                  done={c?.detailed ?? 0}
                  total={c?.detailTotal ?? 0}
                  waiting={t("sync.progress.detailsWaiting")}
                  t={t}
                  locale={locale}
                />
              ) : null}
            </li>
          );
        })}
      </ul>
      <Pace run={run} t={t} locale={locale} />
    </div>
  );
}

function Bar({ id, label, done, total, waiting, t, locale }: { id: string; label: string; done: number; total: number; waiting: string; t: SyncT; locale: "sv" | "en" }) {
  const max = Math.max(total, done);
  const text = max > 0 ? t("sync.progress.value", { done: formatNumber(done, locale, 0), total: formatNumber(max, locale, 0) }) : waiting;
  return (
    <div>
      <div className="flex justify-between gap-3 text-sm">
        <span id={`${id}-label`} className="font-medium">
          {label}
        </span>
        <span className="tabular-nums text-slate-700">{text}</span>
      </div>
      <div
        role="progressbar"
        aria-labelledby={`${id}-label`}
        aria-valuemin={0}
        aria-valuemax={Math.max(max, 1)}
        aria-valuenow={done}
        aria-valuetext={text}
        data-testid={id}
        className="mt-1 h-2 w-full overflow-hidden rounded-full bg-slate-200"
      >
        <div className="h-full rounded-full bg-brand-600 transition-[width] duration-500" style={{ width: `${max > 0 ? Math.round((done / max) * 100) : 0}%` }} />
      </div>
    </div>
  );
}

/** The measured pace, and the time left: requests still known to be due ÷ the company's budget. */
function Pace({ run, t, locale }: { run: SyncRunView; t: SyncT; locale: "sv" | "en" }) {
  const p = run.pace;
  if (!p) return null;
  const left = p.budgetPerSecond > 0 ? (p.remainingRequests / p.budgetPerSecond) * 1000 : null;
  let eta: string;
  if (left === null) eta = "–";
  // Nothing known yet (no listing has answered): that is not "almost done".
  else if (!p.remainingComplete && p.remainingRequests === 0) eta = t("sync.pace.measuring");
  else if (left < 1000) eta = t("sync.eta.soon");
  else eta = t(p.remainingComplete ? "sync.eta.about" : "sync.eta.atLeast", { time: formatDuration(left), requests: formatNumber(p.remainingRequests, locale, 0), budget: formatNumber(p.budgetPerSecond * 5, locale, 0) });
  return (
    <dl className="mt-3 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2" data-testid="sync-pace">
      <div>
        <dt className="inline text-slate-600">{t("sync.pace.title")}: </dt>
        <dd className="inline tabular-nums">
          {p.windowSeconds >= 5
            ? t("sync.pace.value", { requests: formatNumber(p.requestsPerSecond, locale, 1), records: formatNumber(Math.round(p.recordsPerMinute), locale, 0), seconds: String(p.windowSeconds) })
            : t("sync.pace.measuring")}
        </dd>
      </div>
      <div>
        <dt className="inline text-slate-600">{t("sync.eta.title")}: </dt>
        <dd className="inline tabular-nums" data-testid="sync-eta">
          {eta}
        </dd>
      </div>
    </dl>
  );
}
