import Link from "next/link";

import type { MessageKey } from "@/lib/i18n/dictionaries";
import { buttonPrimary, buttonSecondary } from "@/components/ui/styles";

export type Translate = (key: MessageKey, vars?: Record<string, string>) => string;

/** A list page's title with its "new" and "export CSV" actions. */
export function ListHeader({ title, newHref, newLabel, exportHref, exportLabel }: { title: string; newHref: string; newLabel: string; exportHref: string; exportLabel: string }) {
  return (
    <div className="flex flex-wrap items-center justify-between gap-3">
      <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
      <div className="flex flex-wrap gap-2">
        <a href={exportHref} className={buttonSecondary} download data-testid="export-csv">
          {exportLabel}
        </a>
        <Link href={newHref} className={buttonPrimary}>
          {newLabel}
        </Link>
      </div>
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
