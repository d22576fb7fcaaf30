import type { Metadata } from "next";

import { startConnectAction } from "@/lib/actions/connect";
import { getViewer } from "@/lib/auth/guards";
import { getEnv } from "@/lib/env";
import { SCOPE_PURPOSES } from "@/lib/fortnox/provider";
import { getTranslator } from "@/lib/i18n/server";
import { LocaleSwitch } from "@/components/ui/locale-switch";
import { buttonPrimary, card } from "@/components/ui/styles";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("activate.title") };
}
export const dynamic = "force-dynamic";

/**
 * The page a Fortnox App Market listing points to (activatable and purchasable apps alike: both
 * send the customer here). It says what Brygga does and asks for, then starts the consent flow.
 */
export default async function ActivatePage() {
  const { t, locale } = await getTranslator();
  const viewer = await getViewer();
  const scopes = getEnv().fortnox.scopes;
  return (
    <main id="main" className="mx-auto max-w-3xl px-6 py-12">
      {/* Someone arriving from the App Market has no header yet: the language is chosen here. */}
      <div className="flex items-center justify-between gap-4">
        <p className="text-xl font-semibold tracking-tight text-brand-700">Brygga</p>
        <LocaleSwitch t={t} locale={locale} />
      </div>
      <h1 className="mt-6 text-3xl font-semibold tracking-tight">{t("activate.title")}</h1>
      <p className="mt-4 text-lg leading-relaxed text-slate-700">{t("activate.lead")}</p>

      <section aria-labelledby="scopes" className={`${card} mt-8`}>
        <h2 id="scopes" className="font-semibold">{t("activate.scopes")}</h2>
        <ul className="mt-4 space-y-2">
          {scopes.map((scope) => (
            <li key={scope} className="flex gap-3 text-sm">
              <code className="w-40 shrink-0 font-mono text-brand-700">{scope}</code>
              <span className="text-slate-700">{SCOPE_PURPOSES[scope]?.[locale] ?? scope}</span>
            </li>
          ))}
        </ul>
        <p className="mt-4 text-sm text-slate-600">{t("activate.scopes.note")} {t("activate.licence")}</p>
      </section>

      <section aria-labelledby="steps" className="mt-8">
        <h2 id="steps" className="font-semibold">{t("activate.steps")}</h2>
        <ol className="mt-2 list-decimal space-y-1 pl-6 text-slate-700">
          <li>{t("activate.step1")}</li>
          <li>{t("activate.step2")}</li>
          <li>{t("activate.step3")}</li>
        </ol>
      </section>

      <form action={startConnectAction} className="mt-8 space-y-4">
        <label className="flex items-start gap-3 text-sm text-slate-700">
          <input type="checkbox" name="accountType" value="service" className="mt-1 h-4 w-4" />
          <span>{t("activate.service")}</span>
        </label>
        <button type="submit" className={buttonPrimary}>
          {viewer ? t("portal.add") : t("activate.start")}
        </button>
      </form>
    </main>
  );
}
