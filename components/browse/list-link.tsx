"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { AnchorHTMLAttributes, MouseEvent } from "react";

/*
 * Links that move within one list (a column's sort, the pager, "Rensa"). They change only the URL:
 * Next.js syncs history.pushState with useSearchParams, and the list fetches the new page as JSON
 * (list-results.tsx) instead of a server render of the route. A modified click (new tab, new
 * window) follows the href as a plain link; a link to another path (a customer's invoices sorted
 * in the invoice list) is an ordinary router navigation.
 */

/** Shows `href` (same path, new search) as the list's URL: a history entry, no server render. */
export function showListUrl(href: string) {
  if (href !== `${window.location.pathname}${window.location.search}`) window.history.pushState(null, "", href);
}

export function ListLink({ href, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const pathname = usePathname();
  if (pathname !== null && new URL(href, "http://list.invalid").pathname !== pathname) return <Link href={href} prefetch={false} onClick={onClick} {...rest} />;
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    showListUrl(href);
  };
  return <a href={href} onClick={follow} {...rest} />;
}
