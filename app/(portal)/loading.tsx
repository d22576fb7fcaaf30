import { getTranslator } from "@/lib/i18n/server";

/** Shown while a portal page's data loads (lists, details): the layout and header stay in place. */
export default async function PortalLoading() {
  const { t } = await getTranslator();
  return (
    <div role="status" aria-live="polite" className="space-y-4" data-testid="loading">
      <span className="sr-only">{t("errors.loading")}</span>
      <div aria-hidden className="h-8 w-48 animate-pulse rounded bg-slate-200" />
      <div aria-hidden className="h-40 animate-pulse rounded-lg bg-slate-100" />
    </div>
  );
}
