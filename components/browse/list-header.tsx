import Link from "next/link";
import type { ReactNode } from "react";

import type { MessageKey } from "@/lib/i18n/dictionaries";
import { buttonPrimary, buttonSecondary } from "@/components/ui/styles";

export type Translate = (key: MessageKey, vars?: Record<string, string>) => string;

/**
 * A list's title and "new" action, with its search form below: rendered by the list's layout, so a
 * view of another page, sort or filter re-renders none of it (components/browse/list-filters.tsx).
 */
export function ListFrame({ title, newHref, newLabel, filters, children }: { title: string; newHref: string; newLabel: string; filters: ReactNode; children: ReactNode }) {
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
        <Link href={newHref} className={buttonPrimary}>
          {newLabel}
        </Link>
      </div>
      {filters}
      {children}
    </div>
  );
}

/** Above the table: how many rows match, and the CSV export of exactly those (the filters, without the pager's place). */
export function ResultsBar({ exportHref, exportLabel, children }: { exportHref: string; exportLabel: string; children: ReactNode }) {
  return (
    <div className="flex flex-wrap items-center justify-between gap-3">
      {children}
      <a href={exportHref} className={buttonSecondary} download data-testid="export-csv">
        {exportLabel}
      </a>
    </div>
  );
}

export function EmptyRow({ colSpan, text }: { colSpan: number; text: string }) {
  return (
    <tr>
      <td colSpan={colSpan} className="px-3 py-6 text-center text-slate-600">
        {text}
      </td>
    </tr>
  );
}
