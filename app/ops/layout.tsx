import Link from "next/link";
import type { ReactNode } from "react";

import { Providers } from "@/components/providers";
import { LocaleSwitch } from "@/components/ui/locale-switch";
import { getTranslator } from "@/lib/i18n/server";
import { requireOperatorPage } from "@/lib/ops/guard";

export const dynamic = "force-dynamic";

/** Operators only: everyone else gets the ordinary 404 page, so /ops does not visibly exist. */
export default async function OpsLayout({ children }: { children: ReactNode }) {
  await requireOperatorPage();
  const { t, locale } = await getTranslator();
  return (
    <Providers>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3 sm:px-6">
          <p className="text-lg font-semibold text-slate-900">Brygga · {t("ops.title")}</p>
          <nav aria-label={t("ops.nav.label")} className="flex gap-4 text-sm font-medium">
            <Link href="/ops" className="t-link">{t("ops.nav.companies")}</Link>
            <Link href="/ops/jobs" className="t-link">{t("ops.nav.jobs")}</Link>
            <Link href="/ops/doctor" className="t-link">{t("ops.nav.doctor")}</Link>
          </nav>
          <LocaleSwitch t={t} locale={locale} />
        </div>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-8 sm:px-6">
        {children}
      </main>
    </Providers>
  );
}
