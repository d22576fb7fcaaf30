import type { FilterFieldSpec, ListSortSpec } from "./list-filters";
import type { Translate } from "./list-header";

/** A date filter's field, its hint and the date field's own labels translated (components/ui/date-field.tsx). */
export function dateFilter(name: string, label: string, t: Translate): FilterFieldSpec {
  return { kind: "date", name, label, hint: t("date.hint"), labels: { placeholder: t("date.placeholder"), invalid: t("date.invalid"), calendar: t("date.calendar", { label }) } };
}

/** What the search form needs of a list's spec to keep its sort (plain data: the spec's zod schema stays on the server). */
export const sortSpec = (spec: { sorts: readonly string[]; defaultSort: string; defaultDir: "asc" | "desc" }): ListSortSpec => ({ sorts: [...spec.sorts], defaultSort: spec.defaultSort, defaultDir: spec.defaultDir });
