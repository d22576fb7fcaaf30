import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { startConnectAction } from "@/lib/actions/connect";
import { listDeliveries } from "@/lib/alerts/deliveries";
import { alertWebhookView } from "@/lib/alerts/webhook-config";
import { requireViewerPage } from "@/lib/auth/guards";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { formatDateTime } from "@/lib/format";
import { getTranslator } from "@/lib/i18n/server";
import { getConnectionOverview } from "@/lib/settings/connection";
import { DisconnectButton } from "@/components/connect/disconnect-button";
import { AlertDeliveries } from "@/components/settings/alert-deliveries";
import { AlertWebhookForm } from "@/components/settings/alert-webhook-form";
import { ConnectionFacts } from "@/components/settings/connection-facts";
import { buttonPrimary, card } from "@/components/ui/styles";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("settings.connection.title") };
}

/** The company's Fortnox connection and its alerts, for its administrators only (404 to everyone else). */
export default async function ConnectionPage() {
  const { active } = await requireViewerPage();
  if (active.role !== "admin") notFound();
  const { t, locale } = await getTranslator();
  const db = await getDb();
  const [overview, webhook, deliveries] = await Promise.all([
    getConnectionOverview(db, active.tenantId, getEnv().fortnox.scopes),
    alertWebhookView(db, active.tenantId),
    listDeliveries(db, active.tenantId),
  ]);
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold tracking-tight">{t("settings.connection.title")}</h1>
        <p className="max-w-3xl text-sm text-slate-700">{t("settings.connection.lead")}</p>
      </div>
      <section aria-labelledby="connection-facts" className={card}>
        <h2 id="connection-facts" className="mb-4 font-semibold">
          Fortnox
        </h2>
        {overview ? <ConnectionFacts c={overview} t={t} locale={locale} /> : <p>{t("settings.connection.none")}</p>}
      </section>
      <section aria-labelledby="connection-actions" className={card}>
        <h2 id="connection-actions" className="font-semibold">
          {t("settings.connection.actions")}
        </h2>
        <form action={startConnectAction} className="mt-3 space-y-2">
          {active.serviceAccount ? <input type="hidden" name="accountType" value="service" /> : null}
          <p className="text-sm text-slate-700">{t("settings.connection.reconnect.help")}</p>
          <button type="submit" className={buttonPrimary}>
            {t("settings.connection.reconnect")}
          </button>
        </form>
        {overview && overview.status !== "disconnected" ? (
          <div className="mt-6 space-y-2">
            <p className="text-sm text-slate-700">{t("settings.connection.disconnect.help")}</p>
            <DisconnectButton
              connectionId={active.connectionId}
              labels={{ disconnect: t("portal.disconnect"), confirm: t("portal.disconnect.confirm"), yes: t("portal.disconnect.yes"), cancel: t("portal.cancel") }}
            />
          </div>
        ) : null}
      </section>
      <section aria-labelledby="alerts" className={`${card} space-y-4`}>
        <h2 id="alerts" className="font-semibold">
          {t("settings.alerts.title")}
        </h2>
        <p className="max-w-3xl text-sm text-slate-700">{t("settings.alerts.lead")}</p>
        <p className="text-sm" data-testid="webhook-current">
          {webhook ? t("settings.alerts.current", { url: webhook.url, time: formatDateTime(webhook.updatedAt, locale) }) : t("settings.alerts.none")}
        </p>
        <AlertWebhookForm
          connectionId={active.connectionId}
          current={webhook?.url ?? null}
          labels={{
            url: t("settings.alerts.url"),
            save: t("settings.alerts.save"),
            saved: t("settings.alerts.saved"),
            secret: t("settings.alerts.secret"),
            remove: t("settings.alerts.remove"),
            removed: t("settings.alerts.removed"),
          }}
        />
        <AlertDeliveries rows={deliveries} t={t} locale={locale} />
      </section>
    </div>
  );
}
