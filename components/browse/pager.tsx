import Link from "next/link";

import { listHref } from "@/lib/browse/url";
import { buttonSecondary } from "@/components/ui/styles";

/** Previous/next links carrying the list's params and a keyset cursor; a missing page is a dimmed, inert label. */
export function Pager({ path, params, prev, next, labels }: { path: string; params: Record<string, string>; prev: string | null; next: string | null; labels: { nav: string; prev: string; next: string } }) {
  const inert = `${buttonSecondary} cursor-not-allowed opacity-50`;
  return (
    <nav aria-label={labels.nav} className="mt-4 flex justify-between gap-3">
      {prev ? (
        <Link href={listHref(path, { ...params, before: prev })} className={buttonSecondary} rel="prev">
          ← {labels.prev}
        </Link>
      ) : (
        <span className={inert} aria-disabled="true">
          ← {labels.prev}
        </span>
      )}
      {next ? (
        <Link href={listHref(path, { ...params, after: next })} className={buttonSecondary} rel="next">
          {labels.next} →
        </Link>
      ) : (
        <span className={inert} aria-disabled="true">
          {labels.next} →
        </span>
      )}
    </nav>
  );
}
