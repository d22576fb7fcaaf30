"use client";

import Link from "next/link";

import { Badges, link, sub, td, tdNumeric, thRow, type BadgeSpec } from "@/components/ui/table";

/** A cell as the server decided it: text, a link (the row's own one is its keyboard stop), or badges. */
export type ListCell = string | { href: string; text: string; sub?: string; rowLink?: true } | { badges: BadgeSpec[] };

export interface ListRow {
  key: string | number;
  cells: ListCell[];
}

/** Per column: the row's header cell (one per row) or a right-aligned number. */
export type ListColumn = "header" | "numeric" | "text";

function Cell({ cell }: { cell: ListCell }) {
  if (typeof cell === "string") return cell;
  if ("badges" in cell) return <Badges items={cell.badges} />;
  return (
    <>
      <Link data-row-link={cell.rowLink} href={cell.href} className={link} prefetch={false}>
        {cell.text}
      </Link>
      {cell.sub === undefined ? null : <span className={sub}>{cell.sub}</span>}
    </>
  );
}

/*
 * A list's rows, sent as data and laid out here. The same 25 rows sent as server-rendered elements
 * spell out every cell's tag, classes and link (some 900 bytes a row of RSC payload, about half of
 * a list view's server time in serialising it); as data they are a fifth of that. Everything a
 * person reads (amounts, dates, states, labels) is still formatted on the server.
 */
export function ListRows({ rows, columns }: { rows: ListRow[]; columns: ListColumn[] }) {
  return rows.map((row) => (
    <tr key={row.key}>
      {row.cells.map((cell, i) =>
        columns[i] === "header" ? (
          <th key={i} scope="row" className={thRow}>
            <Cell cell={cell} />
          </th>
        ) : (
          <td key={i} className={columns[i] === "numeric" ? tdNumeric : td}>
            <Cell cell={cell} />
          </td>
        ),
      )}
    </tr>
  ));
}
