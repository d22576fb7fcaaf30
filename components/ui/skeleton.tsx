import { getTranslator } from "@/lib/i18n/server";

/**
 * Loading placeholders. A list route shows `ListSkeleton` from its own loading.tsx; a detail page
 * shows `SectionSkeleton` inside the page, below content that only renders once the record is
 * known to exist. Never a loading.tsx above a detail route: its Suspense boundary would stream the
 * 200 before the page's notFound(), and an unknown id would no longer answer 404.
 */

async function Status({ testId, children }: { testId: string; children: React.ReactNode }) {
  const { t } = await getTranslator();
  return (
    <div role="status" aria-live="polite" aria-busy="true" className="space-y-4" data-testid={testId}>
      <span className="sr-only">{t("errors.loading")}</span>
      {children}
    </div>
  );
}

const bar = "animate-pulse rounded bg-slate-200";

/** A list's result count and table rows, as grey bars (its title and search form are the list layout's, already shown). */
export function ListSkeleton({ rows = 8 }: { rows?: number }) {
  return (
    <Status testId="list-loading">
      <div aria-hidden className={`h-5 w-40 ${bar}`} />
      <div aria-hidden className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
        {Array.from({ length: rows }, (_, i) => (
          <div key={i} className={`h-5 ${bar}`} />
        ))}
      </div>
    </Status>
  );
}

/** One section of a detail page still loading. */
export function SectionSkeleton({ rows = 4 }: { rows?: number }) {
  return (
    <Status testId="section-loading">
      <div aria-hidden className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
        {Array.from({ length: rows }, (_, i) => (
          <div key={i} className={`h-5 ${bar}`} />
        ))}
      </div>
    </Status>
  );
}
