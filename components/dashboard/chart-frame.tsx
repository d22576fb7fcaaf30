import type { ReactNode } from "react";

import { card } from "@/components/ui/styles";

export interface ChartTable {
  caption: string;
  headers: string[];
  rows: string[][];
}

/**
 * A chart with its text alternative. The drawing is hidden from assistive technology; the same
 * numbers follow as a table that screen readers read (and that is visible when CSS is off).
 */
export function ChartFrame({ id, title, note, table, children }: { id: string; title: string; note?: string; table: ChartTable; children: ReactNode }) {
  return (
    <figure className={`${card} min-w-0`} aria-labelledby={`${id}-title`} data-testid={id}>
      <figcaption id={`${id}-title`} className="font-semibold">
        {title}
      </figcaption>
      {note ? <p className="mt-1 text-xs text-slate-600">{note}</p> : null}
      <div aria-hidden="true" className="mt-4 h-64 w-full overflow-hidden">
        {children}
      </div>
      {/* sr-only on the wrapper: a table ignores width: 1px and would widen the page on phones. */}
      <div className="sr-only">
        <table>
          <caption>{table.caption}</caption>
          <thead>
            <tr>
              {table.headers.map((h) => (
                <th key={h} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row) => (
              <tr key={row[0]}>
                {row.map((cell, i) =>
                  i === 0 ? (
                    <th key={i} scope="row">
                      {cell}
                    </th>
                  ) : (
                    <td key={i}>{cell}</td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
