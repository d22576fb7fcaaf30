"use client";

import { useSearchParams } from "next/navigation";
import { useState } from "react";

import { DEFAULT_PAGE_SIZE } from "@/lib/db/queries/list-params";
import { isCalendarDate } from "@/lib/input/dates";
import { searchText } from "@/lib/input/text";
import type { DateFieldLabels } from "@/components/ui/date-field";

import { DateFilter, FilterGrid, FormFooter, PAGE_SIZE_OPTIONS, SelectField, TextField } from "./fields";
import { FilterForm } from "./filter-form";

/*
 * A list's search and filter form, rendered by the list's layout rather than its page. Paging,
 * sorting and filtering change only the URL's search params, and Next.js re-renders only the page
 * segment for that: a form in the page was rendered and sent again with every view (a fifth of a
 * view's server CPU in bench:ui), a form in the layout once per visit. It reads its values from the
 * URL itself, as the server's list parser reads them (lib/db/queries/list-params.ts): a value the
 * list cannot use shows as "not set", as the list treats it. A URL the form did not submit itself
 * (a reset, a column's sort, the back button) replaces the fields with its values; the form's own
 * submit keeps them, and the focus with them.
 */

export type FilterFieldSpec =
  | { kind: "search"; name: string; label: string; hint: string; wide?: boolean; keyShortcut?: string }
  | { kind: "text"; name: string; label: string }
  | { kind: "select"; name: string; label: string; anyLabel: string; options: { value: string; label: string }[] }
  | { kind: "date"; name: string; label: string; hint: string; labels: DateFieldLabels };

export interface ListSortSpec {
  sorts: readonly string[];
  defaultSort: string;
  defaultDir: "asc" | "desc";
}

/** What the list parser makes of `raw` for `field` ("" for not set). */
function fieldValue(field: FilterFieldSpec, raw: string | null): string {
  if (raw === null) return "";
  switch (field.kind) {
    case "search":
    case "text":
      return searchText(raw);
    case "select":
      return field.options.some((o) => o.value === raw) ? raw : "";
    case "date":
      return isCalendarDate(raw) ? raw : "";
  }
}

/** The sort and direction to keep when the filters change: only a non-default one (listQueryParams). */
function keptSort(spec: ListSortSpec, params: URLSearchParams): { sort?: string; dir?: string } {
  const raw = params.get("sort");
  const sort = raw !== null && spec.sorts.includes(raw) ? raw : spec.defaultSort;
  const givenDir = params.get("dir");
  const dir = givenDir === "asc" || givenDir === "desc" ? givenDir : sort === spec.defaultSort ? spec.defaultDir : "asc";
  return sort === spec.defaultSort && dir === spec.defaultDir ? {} : { sort, dir };
}

function pageSize(raw: string | null): string {
  const n = raw === null || raw.trim() === "" ? NaN : Number(raw);
  return PAGE_SIZE_OPTIONS.some((o) => Number(o.value) === n) ? String(n) : String(DEFAULT_PAGE_SIZE);
}

export function ListFilters({ action, label, fields, sort, footer }: { action: string; label: string; fields: FilterFieldSpec[]; sort: ListSortSpec; footer: { pageSize: string; apply: string; reset: string } }) {
  const params = useSearchParams();
  const search = params.toString();
  const [submitted, setSubmitted] = useState<string | null>(null);
  // Derived during render (React's pattern for state that follows a prop): a new generation of
  // the fields for every URL the form did not just submit.
  const [seen, setSeen] = useState({ search, generation: 0 });
  if (seen.search !== search) setSeen({ search, generation: submitted === search ? seen.generation : seen.generation + 1 });
  const kept = keptSort(sort, params);
  const size = pageSize(params.get("size"));
  return (
    <FilterForm action={action} label={label} onSubmitted={setSubmitted}>
      <FilterGrid>
        {fields.map((field) => {
          const value = fieldValue(field, params.get(field.name));
          const key = `${field.name}:${seen.generation}`;
          switch (field.kind) {
            case "search":
              return <TextField key={key} name={field.name} type="search" label={field.label} hint={field.hint} defaultValue={value} wide={field.wide} keyShortcut={field.keyShortcut} />;
            case "text":
              return <TextField key={key} name={field.name} label={field.label} defaultValue={value} />;
            case "select":
              return <SelectField key={key} name={field.name} label={field.label} value={value} anyLabel={field.anyLabel} options={field.options} />;
            case "date":
              return <DateFilter key={key} name={field.name} label={field.label} defaultValue={value} hint={field.hint} labels={field.labels} />;
          }
        })}
      </FilterGrid>
      <FormFooter key={seen.generation} path={action} size={size} sort={kept.sort} dir={kept.dir} labels={footer} />
    </FilterForm>
  );
}
