import { listHref } from "@/lib/browse/url";
import { th, thNumeric } from "@/components/ui/table";

import { ListLink } from "./list-link";

export interface SortState {
  path: string;
  /** The list's params without sort, direction and cursor. */
  params: Record<string, string>;
  sort: string;
  dir: "asc" | "desc";
  labels: { asc: string; desc: string };
}

/**
 * A sortable column header. The active column carries aria-sort; its link reverses the order, other
 * columns start in `firstDir` (dates and amounts read best newest or largest first). Sorting drops
 * the cursor: a new order starts on its first page.
 */
export function SortHeader({ state, column, label, numeric = false, firstDir = "asc" }: { state: SortState; column: string; label: string; numeric?: boolean; firstDir?: "asc" | "desc" }) {
  const active = state.sort === column;
  const nextDir = active ? (state.dir === "asc" ? "desc" : "asc") : firstDir;
  const href = listHref(state.path, { ...state.params, sort: column, dir: nextDir });
  return (
    <th scope="col" className={numeric ? thNumeric : th} aria-sort={active ? (state.dir === "asc" ? "ascending" : "descending") : undefined}>
      <ListLink href={href} className="t-sort">
        {label}
        {active ? <span className="sr-only">, {state.dir === "asc" ? state.labels.asc : state.labels.desc}</span> : null}
        <span aria-hidden="true" className={active ? "text-brand-700" : "text-slate-400"}>
          {active ? (state.dir === "asc" ? "▲" : "▼") : "↕"}
        </span>
      </ListLink>
    </th>
  );
}
