import Link from "next/link";

import { getEnv } from "@/lib/env";
import type { MessageKey } from "@/lib/i18n/dictionaries";
import { buttonPrimary, buttonSecondary } from "@/components/ui/styles";

import { DemoStartForm } from "./demo-start-form";

type T = (key: MessageKey, vars?: Record<string, string>) => string;

/**
 * The landing page's calls to action: connect (always), and in demo mode the sandbox's App Market
 * and "Starta demo" (one click to a signed-in portal on a fresh test company).
 */
export function LeadIn({ t, error }: { t: T; error: MessageKey | null }) {
  const demo = getEnv().demo;
  return (
    <div className="mt-10 space-y-4">
      {error ? (
        <p role="alert" data-testid="demo-error" className="rounded-md border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-800">
          {t(error)}
        </p>
      ) : null}
      <div className="flex flex-wrap items-center gap-3">
        <Link href="/activate" className={buttonPrimary}>
          {t("home.connect")}
        </Link>
        {demo ? (
          <>
            <DemoStartForm from="home" className={buttonPrimary} label={t("home.demo.start")} pendingLabel={t("home.demo.starting")} />
            <a href={`${demo.sandboxUrl}/appmarket`} className={buttonSecondary}>
              {t("home.demo.appmarket")}
            </a>
          </>
        ) : null}
      </div>
      {demo ? (
        <p className="max-w-2xl text-sm text-slate-600">
          {t("home.demo.hint")}{" "}
          <Link href="/demo" className="font-medium text-brand-700 underline">
            {t("home.demo.manage")}
          </Link>
        </p>
      ) : null}
    </div>
  );
}
