import type { Metadata } from "next";

import { requireViewerPage } from "@/lib/auth/guards";
import { getDb } from "@/lib/db/client";
import { getConnectionHealth } from "@/lib/db/queries/connections";
import { getMonthlyInvoiced, getPaymentSummary, getTopCustomers } from "@/lib/db/queries/dashboard";
import { todayInStockholm } from "@/lib/format";
import { getTranslator } from "@/lib/i18n/server";
import { getSyncStatus } from "@/lib/sync/status";
import { ConnectionCard } from "@/components/connect/connection-card";
import { ChartsPlaceholder } from "@/components/dashboard/charts-placeholder";
import { CountTiles } from "@/components/dashboard/count-tiles";
import { DashboardCharts } from "@/components/dashboard/dashboard-charts";
import { SyncStatusCard } from "@/components/sync/sync-status-card";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("dashboard.title") };
}

export default async function DashboardPage() {
  const { active } = await requireViewerPage();
  const { t, locale } = await getTranslator();
  const db = await getDb();
  const today = todayInStockholm();
  // One status for the tiles, the sync card and the charts' placeholder (components/sync/use-sync-status.ts).
  const [health, status, monthly, payments, top] = await Promise.all([
    getConnectionHealth(db, active.connectionId),
    getSyncStatus(db, active.connectionId),
    getMonthlyInvoiced(db, active.connectionId, today),
    getPaymentSummary(db, active.connectionId, today),
    getTopCustomers(db, active.connectionId),
  ]);
  const tiles = [
    { key: "customers", href: "/customers", label: t("nav.customers") },
    { key: "articles", href: "/articles", label: t("nav.articles") },
    { key: "invoices", href: "/invoices", label: t("nav.invoices") },
  ] as const;
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-semibold tracking-tight">{active.name}</h1>
      <section aria-labelledby="counts">
        <h2 id="counts" className="sr-only">
          {t("dashboard.counts")}
        </h2>
        <CountTiles connectionId={active.connectionId} tiles={tiles} initial={status} locale={locale} />
      </section>
      <SyncStatusCard connectionId={active.connectionId} status={status} />
      {status.records.invoices > 0 ? (
        <DashboardCharts monthly={monthly} payments={payments} top={top} t={t} locale={locale} />
      ) : (
        <ChartsPlaceholder connectionId={active.connectionId} initial={status} empty={t("dashboard.empty")} afterSync={t("dashboard.chartsAfterSync")} />
      )}
      {health ? <ConnectionCard company={active} health={health} t={t} locale={locale} /> : null}
    </div>
  );
}
