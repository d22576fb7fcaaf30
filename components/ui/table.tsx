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

export const table = "min-w-full divide-y divide-slate-200 text-sm";
export const caption = "sr-only";
export const th = "whitespace-nowrap px-3 py-2 text-left font-semibold text-slate-700";
export const thNumeric = "whitespace-nowrap px-3 py-2 text-right font-semibold text-slate-700";
export const td = "whitespace-nowrap px-3 py-2 text-slate-800";
export const tdNumeric = "whitespace-nowrap px-3 py-2 text-right tabular-nums text-slate-800";
export const tdWrap = "px-3 py-2 text-slate-800";
export const link = "font-medium text-brand-700 underline decoration-brand-100 underline-offset-2 hover:decoration-brand-700";

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
