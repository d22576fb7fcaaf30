import type { Metadata, Viewport } from "next";
import { cookies } from "next/headers";
import { Suspense, type ReactNode } from "react";

import { FLASH_COOKIE, FLASH_KEYS } from "@/lib/flash/keys";
import { getTranslator } from "@/lib/i18n/server";
import { FlashToaster } from "@/components/ui/flash-toaster";

import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Brygga", template: "%s · Brygga" },
  description: "Brygga – an open-source Fortnox integration portal.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const { locale, t } = await getTranslator();
  return (
    <html lang={locale}>
      <body className="min-h-screen font-sans">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:rounded focus:bg-white focus:px-3 focus:py-2">
          {t("nav.skip")}
        </a>
        {children}
        <Suspense fallback={null}>
          <FlashToaster messages={Object.fromEntries(FLASH_KEYS.map((k) => [k, t(`flash.${k}`)])) as Record<(typeof FLASH_KEYS)[number], string>} label={t("flash.region")} serverFlash={(await cookies()).get(FLASH_COOKIE)?.value ?? null} />
        </Suspense>
      </body>
    </html>
  );
}
