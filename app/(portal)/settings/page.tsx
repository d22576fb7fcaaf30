import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";

import { requireViewerPage } from "@/lib/auth/guards";
import { getTranslator } from "@/lib/i18n/server";
import { card } from "@/components/ui/styles";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("settings.title") };
}

/** The administrators' console: only admins learn it exists. */
export default async function SettingsPage() {
  const { active } = await requireViewerPage();
  if (active.role !== "admin") notFound();
  const { t } = await getTranslator();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">{t("settings.title")}</h1>
      <ul className="grid gap-4 sm:grid-cols-2">
        <li className={card}>
          <Link href="/settings/connection" className="text-lg font-semibold text-brand-700 underline">
            {t("settings.connection.title")}
          </Link>
          <p className="mt-1 text-sm text-slate-700">{t("settings.connection.summary")}</p>
        </li>
        <li className={card}>
          <Link href="/settings/members" className="text-lg font-semibold text-brand-700 underline">
            {t("settings.members.title")}
          </Link>
          <p className="mt-1 text-sm text-slate-700">{t("settings.members.summary")}</p>
        </li>
        <li className={card}>
          <Link href="/settings/audit" className="text-lg font-semibold text-brand-700 underline">
            {t("settings.audit.title")}
          </Link>
          <p className="mt-1 text-sm text-slate-700">{t("settings.audit.summary")}</p>
        </li>
      </ul>
    </div>
  );
}
