import type { ReactNode } from "react";

import { CompanyHeader } from "@/components/connect/company-header";
import { requireViewerPage } from "@/lib/auth/guards";
import { getTranslator } from "@/lib/i18n/server";

export const dynamic = "force-dynamic";

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const viewer = await requireViewerPage();
  const { t } = await getTranslator();
  return (
    <>
      <CompanyHeader viewer={viewer} t={t} />
      <main id="main" className="mx-auto max-w-6xl px-4 py-8 sm:px-6">
        {children}
      </main>
    </>
  );
}
