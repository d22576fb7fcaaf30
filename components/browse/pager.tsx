"use client";

import { listHref } from "@/lib/browse/url";
import { PAGER_PARAMS } from "@/lib/db/queries/list-params";
import { buttonSecondary } from "@/components/ui/styles";

import { ListLink } from "./list-link";

/**
 * Previous/next links carrying the list's params and a keyset cursor; a missing page is a dimmed,
 * inert label. The position param carries the next page's position for the result count ("26–50 av 2 500"):
 * keyset pages do not know their offset otherwise.
 */
export function Pager({
  path,
  params,
  prev,
  next,
  position,
  labels,
  topId,
}: {
  path: string;
  params: Record<string, string>;
  prev: string | null;
  next: string | null;
  /** This page's 0-based start (null when unknown), its row count and the page size. */
  position?: { start: number | null; shown: number; size: number };
  labels: { nav: string; prev: string; next: string };
  /** The element whose top a new page is read from, scrolled into view when it is above the window. */
  topId: string;
}) {
  const toTop = () => {
    const top = document.getElementById(topId);
    if (top && top.getBoundingClientRect().top < 0) top.scrollIntoView({ block: "start" });
  };
  const inert = `${buttonSecondary} cursor-not-allowed opacity-50`;
  const start = position?.start ?? null;
  const at = (n: number | null) => (n === null ? undefined : String(Math.max(0, n)));
  const nextFrom = start === null || !position ? null : start + position.shown;
  const prevFrom = start === null || !position ? null : start - position.size;
  return (
    <nav aria-label={labels.nav} className="mt-4 flex justify-between gap-3">
      {prev ? (
        <ListLink onClick={toTop} href={listHref(path, { ...params, [PAGER_PARAMS.before]: prev, [PAGER_PARAMS.position]: at(prevFrom) })} className={buttonSecondary} rel="prev">
          ← {labels.prev}
        </ListLink>
      ) : (
        <span className={inert} aria-disabled="true">
          ← {labels.prev}
        </span>
      )}
      {next ? (
        <ListLink onClick={toTop} href={listHref(path, { ...params, [PAGER_PARAMS.after]: next, [PAGER_PARAMS.position]: at(nextFrom) })} className={buttonSecondary} rel="next">
          {labels.next} →
        </ListLink>
      ) : (
        <span className={inert} aria-disabled="true">
          {labels.next} →
        </span>
      )}
    </nav>
  );
}
