import type { ReactNode } from "react";

import { currentAlerts } from "@/lib/alerts/production";
import { requireViewerPage } from "@/lib/auth/guards";
import { getTranslator } from "@/lib/i18n/server";
import { AlertBanner } from "@/components/alerts/alert-banner";
import { CompanyHeader } from "@/components/connect/company-header";
import { Providers } from "@/components/providers";

export const dynamic = "force-dynamic";

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const viewer = await requireViewerPage();
  const { t, locale } = await getTranslator();
  // Alerts are for the company's administrators, who can act on them.
  const alerts = viewer.active.role === "admin" ? await currentAlerts(viewer.active.tenantId) : [];
  return (
    <Providers>
      <CompanyHeader viewer={viewer} t={t} locale={locale} />
      <AlertBanner alerts={alerts} t={t} />
      <main id="main" className="mx-auto max-w-6xl px-4 py-8 sm:px-6">
        {children}
      </main>
    </Providers>
  );
}
