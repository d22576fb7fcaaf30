import type { ReactNode } from "react";

/*
 * Table primitives. A wide table scrolls sideways inside its own region (so a 375 px screen never
 * scrolls the whole page); the region is focusable and named so keyboard users can scroll it too.
 */

export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      {children}
    </div>
  );
}

// Named classes from app/globals.css (@layer components), so utilities added beside them still win.
export const table = "t-table";
export const caption = "sr-only";
export const th = "t-th";
export const thNumeric = "t-th-num";
export const td = "t-td";
export const tdNumeric = "t-td-num";
export const tdWrap = "t-td-wrap";
// Row and sort links in lists pass prefetch={false}: Next would otherwise prefetch every link in
// view, some 60 background requests for one page of 25 rows.
export const link = "t-link";

const tones = {
  neutral: "bg-slate-100 text-slate-800",
  good: "bg-green-100 text-green-900",
  warn: "bg-amber-100 text-amber-900",
  bad: "bg-red-100 text-red-900",
  info: "bg-brand-50 text-brand-900",
} as const;

export function Badge({ tone = "neutral", children }: { tone?: keyof typeof tones; children: ReactNode }) {
  return <span className={`inline-block rounded px-1.5 py-0.5 text-xs font-medium ${tones[tone]}`}>{children}</span>;
}

/** A term/description pair for detail pages. */
export function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-sm text-slate-600">{term}</dt>
      <dd className="mt-0.5 font-medium text-slate-900">{children}</dd>
    </div>
  );
}
