import type { ReactNode } from "react";

import type { MessageKey } from "@/lib/i18n/dictionaries";
import { buttonSecondary } from "@/components/ui/styles";

export type Translate = (key: MessageKey, vars?: Record<string, string>) => string;

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
