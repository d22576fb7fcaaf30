"use client";

import Link from "next/link";
import { useEffect, useSyncExternalStore } from "react";

import { en, sv } from "@/lib/i18n/messages/errors";
import { buttonPrimary, buttonSecondary, card } from "@/components/ui/styles";

// The page's language is on <html lang> (the root layout sets it from the request); the server
// snapshot is the default language, and React re-renders with the real one after hydration.
const noSubscribe = () => () => {};
const pageLocale = () => (document.documentElement.lang === "en" ? "en" : "sv");

/** A bug in a portal page (never an expected failure: those are results and field errors). */
export default function PortalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const locale = useSyncExternalStore(noSubscribe, pageLocale, () => "sv" as const);
  const t = locale === "en" ? en : sv;
  useEffect(() => {
    // The server already logged it with its stack; the browser console helps whoever reports it.
    console.error(error);
  }, [error]);
  return (
    <section role="alert" className={`${card} mx-auto max-w-xl`} data-testid="portal-error">
      <h1 className="text-2xl font-semibold tracking-tight">{t["errors.error.title"]}</h1>
      <p className="mt-4 leading-relaxed text-slate-700">{t["errors.error.body"]}</p>
      {error.digest ? <p className="mt-2 text-sm text-slate-500">{t["errors.error.reference"].replace("{digest}", error.digest)}</p> : null}
      <div className="mt-6 flex flex-wrap gap-3">
        <button type="button" className={buttonPrimary} onClick={reset}>
          {t["errors.error.retry"]}
        </button>
        <Link href="/dashboard" className={buttonSecondary}>
          {t["errors.notFound.home"]}
        </Link>
      </div>
    </section>
  );
}
