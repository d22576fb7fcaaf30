import type { Metadata } from "next";

import { requireViewerPage } from "@/lib/auth/guards";
import { getDb } from "@/lib/db/client";
import { formatDateTime } from "@/lib/format";
import { en, sv } from "@/lib/i18n/messages/sync";
import { getTranslator } from "@/lib/i18n/server";
import { RESOURCE_NAMES } from "@/lib/sync/resources/types";
import { getSyncSettings, RECONCILE_INTERVALS_HOURS, SYNC_INTERVALS_MINUTES } from "@/lib/sync/settings";
import { listSyncRunViews } from "@/lib/sync/status";
import { everyLabel, type SyncSettingsOptions } from "@/components/sync/format";
import { SyncRunsTable } from "@/components/sync/sync-runs-table";
import { SyncSettingsForm } from "@/components/sync/sync-settings-form";
import { SyncSettingsSummary } from "@/components/sync/sync-settings-summary";
import { SyncStatusCard } from "@/components/sync/sync-status-card";
import { card } from "@/components/ui/styles";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("sync.title") };
}

export default async function SyncPage() {
  const { active } = await requireViewerPage();
  const { t, locale } = await getTranslator();
  const db = await getDb();
  const [runs, saved] = await Promise.all([listSyncRunViews(db, active.connectionId), getSyncSettings(db, active.connectionId)]);
  const { updatedAt, ...settings } = saved;
  const options: SyncSettingsOptions = {
    resources: RESOURCE_NAMES.map((r) => ({ value: r, label: t(`sync.resource.${r}`) })),
    intervals: SYNC_INTERVALS_MINUTES.map((m) => ({ value: String(m), label: everyLabel(m, t) })),
    reconcile: RECONCILE_INTERVALS_HOURS.map((h) => ({ value: String(h), label: everyLabel(h * 60, t) })),
  };
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-semibold tracking-tight">{t("sync.title")}</h1>
      <SyncStatusCard connectionId={active.connectionId} />
      <section aria-labelledby="sync-runs-title" className="space-y-3">
        <h2 id="sync-runs-title" className="text-lg font-semibold">
          {t("sync.runs.title")}
        </h2>
        <SyncRunsTable runs={runs} t={t} locale={locale} now={new Date()} linkRuns={active.role === "admin"} />
      </section>
      <section aria-labelledby="sync-settings-title" className={card}>
        <h2 id="sync-settings-title" className="text-lg font-semibold">
          {t("sync.settings.title")}
        </h2>
        {updatedAt ? <p className="mt-1 text-xs text-slate-600">{t("sync.settings.updatedAt", { when: formatDateTime(updatedAt, locale) })}</p> : null}
        {active.role === "admin" ? (
          <SyncSettingsForm connectionId={active.connectionId} settings={settings} options={options} messages={locale === "en" ? en : sv} />
        ) : (
          <SyncSettingsSummary settings={settings} options={options} t={t} />
        )}
      </section>
    </div>
  );
}
