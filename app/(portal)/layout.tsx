import type { ReactNode } from "react";

import { requireViewerPage } from "@/lib/auth/guards";
import { getTranslator } from "@/lib/i18n/server";
import { CompanyHeader } from "@/components/connect/company-header";
import { Providers } from "@/components/providers";

export const dynamic = "force-dynamic";

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const viewer = await requireViewerPage();
  const { t, locale } = await getTranslator();
  return (
    <Providers>
      <CompanyHeader viewer={viewer} t={t} locale={locale} />
      <main id="main" className="mx-auto max-w-6xl px-4 py-8 sm:px-6">
        {children}
      </main>
    </Providers>
  );
}
