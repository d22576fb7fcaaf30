import Link from "next/link";

import { buttonDanger, buttonSecondary, card } from "@/components/ui/styles";
import { caption, table, TableScroll, td, tdNumeric, th, thNumeric } from "@/components/ui/table";
import { formatDateTime, formatNumber } from "@/lib/format";
import { getTranslator } from "@/lib/i18n/server";
import { getBoss } from "@/lib/jobs/boss";
import { jobAction } from "@/lib/ops/job-actions";
import { listFailedJobs, listQueues } from "@/lib/ops/jobs";
import { requireOperatorPage } from "@/lib/ops/guard";

export const dynamic = "force-dynamic";

const NOTICES = { retried: "ops.jobs.retried", cancelled: "ops.jobs.cancelled", unknown: "ops.jobs.unknown" } as const;

export default async function OpsJobsPage({ searchParams }: { searchParams: Promise<{ queue?: string; done?: string }> }) {
  await requireOperatorPage();
  const { t, locale } = await getTranslator();
  const { queue, done } = await searchParams;
  const boss = getBoss();
  const queues = await listQueues(boss);
  const selected = queues.find((q) => q.name === queue);
  const failed = selected ? await listFailedJobs(boss, selected.name) : [];
  const notice = done && done in NOTICES ? t(NOTICES[done as keyof typeof NOTICES]) : null;
  return (
    <section aria-labelledby="ops-jobs" className="space-y-6">
      <h1 id="ops-jobs" className="text-2xl font-semibold text-slate-900">{t("ops.jobs.title")}</h1>
      <p role="status" aria-live="polite" className="text-sm font-medium text-slate-800">{notice}</p>
      <TableScroll label={t("ops.jobs.caption")}>
        <table className={table}>
          <caption className={caption}>{t("ops.jobs.caption")}</caption>
          <thead>
            <tr>
              <th scope="col" className={th}>{t("ops.col.queue")}</th>
              {(["queued", "deferred", "active", "failed", "total"] as const).map((k) => (
                <th key={k} scope="col" className={thNumeric}>{t(`ops.col.${k}`)}</th>
              ))}
              <th scope="col" className={th}><span className="sr-only">{t("ops.jobs.showFailed")}</span></th>
            </tr>
          </thead>
          <tbody>
            {queues.map((q) => (
              <tr key={q.name} data-testid="ops-queue">
                <th scope="row" className={td}>{q.name}</th>
                {(["queued", "deferred", "active", "failed", "total"] as const).map((k) => (
                  <td key={k} className={tdNumeric}>{formatNumber(q[k], locale)}</td>
                ))}
                <td className={td}>
                  <Link className="t-link" href={`/ops/jobs?${new URLSearchParams({ queue: q.name }).toString()}`} aria-label={`${t("ops.jobs.showFailed")}: ${q.name}`}>
                    {t("ops.jobs.showFailed")}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {selected ? (
        <section aria-labelledby="ops-failed" className="space-y-4">
          <h2 id="ops-failed" className="text-xl font-semibold text-slate-900">{t("ops.jobs.failedTitle", { queue: selected.name })}</h2>
          {failed.length === 0 ? <p>{t("ops.jobs.noFailed")}</p> : null}
          {failed.map((j) => (
            <article key={j.id} className={card} data-testid="ops-failed-job" aria-label={j.id}>
              <p className="font-mono text-sm text-slate-800">{j.id}</p>
              <p className="text-sm text-slate-700">{t("ops.jobs.created")}: {formatDateTime(j.createdOn, locale)}</p>
              <h3 className="mt-3 text-sm font-semibold">{t("ops.jobs.error")}</h3>
              <pre className="overflow-x-auto rounded bg-slate-100 p-2 text-xs text-slate-900" tabIndex={0}>{j.error}</pre>
              <h3 className="mt-3 text-sm font-semibold">{t("ops.jobs.payload")}</h3>
              <pre className="overflow-x-auto rounded bg-slate-100 p-2 text-xs text-slate-900" tabIndex={0}>{j.payload}</pre>
              <form action={jobAction} className="mt-3 flex gap-2">
                <input type="hidden" name="queue" value={j.queue} />
                <input type="hidden" name="id" value={j.id} />
                <button type="submit" name="op" value="retry" className={buttonSecondary}>{t("ops.jobs.retry")}</button>
                <button type="submit" name="op" value="cancel" className={buttonDanger}>{t("ops.jobs.cancel")}</button>
              </form>
            </article>
          ))}
        </section>
      ) : null}
    </section>
  );
}
