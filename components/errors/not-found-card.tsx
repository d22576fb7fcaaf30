import Link from "next/link";

import { getTranslator } from "@/lib/i18n/server";
import { buttonPrimary, card } from "@/components/ui/styles";

/** The branded 404, in the request's language: an unknown or another company's record, a bad URL. */
export async function NotFoundCard() {
  const { t } = await getTranslator();
  return (
    <section className={`${card} mx-auto max-w-xl`} aria-labelledby="not-found-title" data-testid="not-found">
      <p className="text-sm font-medium text-brand-700">404</p>
      <h1 id="not-found-title" className="mt-2 text-2xl font-semibold tracking-tight">
        {t("errors.notFound.title")}
      </h1>
      <p className="mt-4 leading-relaxed text-slate-700">{t("errors.notFound.body")}</p>
      <Link href="/dashboard" className={`${buttonPrimary} mt-6 inline-block`}>
        {t("errors.notFound.home")}
      </Link>
    </section>
  );
}
