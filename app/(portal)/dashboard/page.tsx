import type { Metadata } from "next";

import { ConnectionCard } from "@/components/connect/connection-card";
import { requireViewerPage } from "@/lib/auth/guards";
import { getDb } from "@/lib/db/client";
import { getConnectionHealth } from "@/lib/db/queries/connections";
import { getTranslator } from "@/lib/i18n/server";

export const metadata: Metadata = { title: "Översikt" };

export default async function DashboardPage() {
  const { active } = await requireViewerPage();
  const { t, locale } = await getTranslator();
  const health = await getConnectionHealth(await getDb(), active.connectionId);
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-semibold tracking-tight">{active.name}</h1>
      {health ? <ConnectionCard company={active} health={health} t={t} locale={locale} /> : null}
    </div>
  );
}
