import type { Metadata } from "next";
import Link from "next/link";

import { FAILURE_REASONS, readFailure, type FailureReason } from "@/lib/auth/connect-flow";
import { getEnv } from "@/lib/env";
import { getTranslator } from "@/lib/i18n/server";
import { buttonPrimary, card } from "@/components/ui/styles";

export const metadata: Metadata = { title: "Anslutningen misslyckades" };
export const dynamic = "force-dynamic";

function isReason(value: unknown): value is FailureReason {
  return typeof value === "string" && (FAILURE_REASONS as readonly string[]).includes(value);
}

/** One page per way activation fails: what happened, and what to do about it. */
export default async function ConnectErrorPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { t } = await getTranslator();
  const params = await searchParams;
  // Failures inside the OAuth library arrive as a generic `error`; the precise reason was noted in a cookie.
  const remembered = await readFailure();
  const reason: FailureReason = isReason(params.reason) ? params.reason : (remembered?.reason ?? "unknown");
  const callbackUrl = `${getEnv().authUrl}/api/auth/callback/fortnox`;
  return (
    <main id="main" className="mx-auto max-w-2xl px-6 py-12">
      <p className="text-xl font-semibold tracking-tight text-brand-700">Brygga</p>
      <div className={`${card} mt-8`} role="alert" data-reason={reason}>
        <p className="text-sm font-medium text-red-700">{t("error.title")}</p>
        <h1 className="mt-2 text-2xl font-semibold">{t(`error.${reason}.title`)}</h1>
        <p className="mt-4 leading-relaxed text-slate-700">{t(`error.${reason}.body`, { url: callbackUrl })}</p>
        {remembered?.detail && reason === remembered.reason ? (
          <p className="mt-4 text-sm text-slate-600">
            {t("error.detail")}: <span className="font-mono">{remembered.detail}</span>
          </p>
        ) : null}
        <Link href="/activate" className={`${buttonPrimary} mt-6`}>
          {t("error.back")}
        </Link>
      </div>
    </main>
  );
}
