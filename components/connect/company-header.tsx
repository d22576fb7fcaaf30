import Link from "next/link";

import { signOutAction, startConnectAction, switchCompanyAction } from "@/lib/actions/connect";
import type { Viewer } from "@/lib/auth/guards";
import type { UserCompany } from "@/lib/db/queries/companies";
import { formatOrganisationNumber } from "@/lib/format";
import type { MessageKey } from "@/lib/i18n/dictionaries";
import { LocaleSwitch } from "@/components/ui/locale-switch";
import { buttonSecondary, input } from "@/components/ui/styles";

import { PortalNav } from "./portal-nav";

type T = (key: MessageKey, vars?: Record<string, string>) => string;

/** The portal's top bar: which company you are working on, switching, adding, signing out, language and navigation. */
export function CompanyHeader({ viewer, t, locale }: { viewer: Viewer & { active: UserCompany }; t: T; locale: "sv" | "en" }) {
  const { active, companies } = viewer;
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-4 px-4 py-3 sm:px-6">
        <Link href="/dashboard" className="text-lg font-semibold tracking-tight text-brand-700">
          Brygga
        </Link>
        <div className="min-w-0 flex-1">
          <p className="truncate font-medium" data-testid="active-company">
            {active.name}
          </p>
          <p className="text-xs text-slate-600">
            {t("portal.orgno")} <span data-testid="active-orgno">{formatOrganisationNumber(active.organisationNumber)}</span>
            {active.environment === "test" ? <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-amber-900">{t("portal.environment.test")}</span> : null}
          </p>
        </div>
        {companies.length > 1 ? (
          <form action={switchCompanyAction} className="flex items-center gap-2">
            <label htmlFor="company-switch" className="sr-only">
              {t("portal.switch")}
            </label>
            <select id="company-switch" name="connectionId" defaultValue={active.connectionId} className={input}>
              {companies.map((c) => (
                <option key={c.connectionId} value={c.connectionId}>
                  {c.name} ({formatOrganisationNumber(c.organisationNumber)})
                </option>
              ))}
            </select>
            <button type="submit" className={buttonSecondary}>
              {t("portal.switch.go")}
            </button>
          </form>
        ) : null}
        <form action={startConnectAction}>
          <button type="submit" className={buttonSecondary}>
            {t("portal.add")}
          </button>
        </form>
        <LocaleSwitch t={t} locale={locale} />
        <form action={signOutAction}>
          <button type="submit" className={buttonSecondary}>
            {t("portal.signout")}
          </button>
        </form>
      </div>
      <div className="mx-auto max-w-6xl px-4 pb-2 sm:px-6">
        <PortalNav
          label={t("nav.main")}
          items={[
            { href: "/dashboard", label: t("nav.dashboard") },
            { href: "/invoices", label: t("nav.invoices") },
            { href: "/customers", label: t("nav.customers") },
            { href: "/articles", label: t("nav.articles") },
            { href: "/sync", label: t("nav.sync") },
            // Only admins learn the console exists (its pages are 404 to everyone else).
            ...(active.role === "admin" ? [{ href: "/settings", label: t("nav.settings") }] : []),
          ]}
        />
      </div>
    </header>
  );
}
