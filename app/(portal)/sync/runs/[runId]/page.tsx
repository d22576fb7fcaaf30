import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";

import { requireViewerPage } from "@/lib/auth/guards";
import { getDb } from "@/lib/db/client";
import { formatDateTime } from "@/lib/format";
import { getTranslator } from "@/lib/i18n/server";
import { getRunDetail } from "@/lib/sync/run-detail";
import { RunControls } from "@/components/sync/run/run-controls";
import { RunFailures } from "@/components/sync/run/run-failures";
import { RunPhases } from "@/components/sync/run/run-phases";
import { RefreshWhileOpen } from "@/components/sync/run/refresh-while-open";
import { RunSummary } from "@/components/sync/run/run-summary";
import { RunTimeline } from "@/components/sync/run/run-timeline";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("sync.run.summary") };
}

/**
 * One sync run, for the company's administrators: to anyone else, and for an unknown or another
 * company's run id (or one that is not an id at all), the page does not exist.
 */
export default async function SyncRunPage({ params }: { params: Promise<{ runId: string }> }) {
  const { active } = await requireViewerPage();
  if (active.role !== "admin") notFound();
  const { runId } = await params;
  const detail = await getRunDetail(await getDb(), active.connectionId, runId);
  if (!detail) notFound();
  const { t, locale } = await getTranslator();
  const { run } = detail;
  const open = run.status === "queued" || run.status === "running";
  return (
    <div className="space-y-8">
      <RefreshWhileOpen open={open} />
      <div className="space-y-2">
        <Link href="/sync" className="t-link text-sm">
          {t("sync.run.back")}
        </Link>
        <h1 className="text-2xl font-semibold tracking-tight">
          {run.startedAt ? t("sync.run.title", { when: formatDateTime(new Date(run.startedAt), locale) }) : t("sync.run.titleQueued")}
        </h1>
      </div>
      <section aria-labelledby="run-summary" className="space-y-4">
        <h2 id="run-summary" className="sr-only">
          {t("sync.run.summary")}
        </h2>
        <RunSummary detail={detail} t={t} locale={locale} now={new Date()} />
        <RunControls
          connectionId={active.connectionId}
          runId={run.id}
          canCancel={open}
          canRetry={run.status === "failed" && !detail.retriedAs}
          labels={{
            cancel: t("sync.run.cancel"),
            cancelConfirm: t("sync.run.cancelConfirm"),
            cancelYes: t("sync.run.cancelYes"),
            cancelNo: t("sync.run.cancelNo"),
            cancelled: t("sync.run.cancelled"),
            retry: t("sync.run.retry"),
            retryLead: t("sync.run.retryLead"),
          }}
        />
      </section>
      <section aria-labelledby="run-phases" className="space-y-3">
        <h2 id="run-phases" className="text-lg font-semibold">
          {t("sync.run.resources.title")}
        </h2>
        <RunPhases run={run} phases={detail.phases} t={t} locale={locale} />
      </section>
      <section aria-labelledby="run-failures" className="space-y-3">
        <h2 id="run-failures" className="text-lg font-semibold">
          {t("sync.run.failures.title")}
        </h2>
        <RunFailures failures={detail.failures} more={detail.failuresNotListed} t={t} locale={locale} />
      </section>
      <section aria-labelledby="run-timeline" className="space-y-3">
        <h2 id="run-timeline" className="text-lg font-semibold">
          {t("sync.run.timeline.title")}
        </h2>
        <RunTimeline events={detail.events} t={t} locale={locale} />
      </section>
    </div>
  );
}
