import type { ReactNode } from "react";

import { PAGE_SIZES } from "@/lib/db/queries/list-params";
import { fieldId, SelectField as FormSelectField, TextField as FormTextField } from "@/components/forms/field";
import { DateField, type DateFieldLabels } from "@/components/ui/date-field";
import { buttonPrimary, buttonSecondary } from "@/components/ui/styles";

import { ListLink } from "./list-link";

/*
 * Filter controls for list forms: the form fields of components/forms/field.tsx (visible label,
 * hint wired to the control) with what a filter adds: an empty value, a bounded search length, a
 * wide search box and an "any" choice.
 */

export function TextField({ name, label, defaultValue, hint, type = "text", wide = false, keyShortcut }: { name: string; label: string; defaultValue?: string; hint?: string; type?: "text" | "search"; wide?: boolean; keyShortcut?: string }) {
  return (
    <FormTextField
      name={name}
      label={label}
      hint={hint}
      type={type}
      defaultValue={defaultValue ?? ""}
      maxLength={100}
      aria-keyshortcuts={keyShortcut}
      className={wide ? "f-field sm:col-span-2" : "f-field"}
    />
  );
}

/** A YYYY-MM-DD date filter (components/ui/date-field.tsx), whatever the browser's language. */
export function DateFilter({ name, label, defaultValue, hint, labels }: { name: string; label: string; defaultValue?: string; hint: string; labels: DateFieldLabels }) {
  return <DateField id={fieldId(name)} name={name} label={label} defaultValue={defaultValue ?? ""} hint={hint} labels={labels} />;
}

export function SelectField({ name, label, value, options, anyLabel }: { name: string; label: string; value?: string; options: { value: string; label: string }[]; anyLabel?: string }) {
  return <FormSelectField name={name} label={label} defaultValue={value ?? ""} options={anyLabel ? [{ value: "", label: anyLabel }, ...options] : options} />;
}

/** Page size, the current sort (kept when filters change) and the form's buttons. */
export const PAGE_SIZE_OPTIONS = PAGE_SIZES.map((s) => ({ value: String(s), label: String(s) }));

export function FormFooter({ path, size, sort, dir, labels }: { path: string; size: string; sort?: string; dir?: string; labels: { pageSize: string; apply: string; reset: string } }) {
  return (
    <div className="mt-4 flex flex-wrap items-end gap-3">
      {sort ? <input type="hidden" name="sort" value={sort} /> : null}
      {dir ? <input type="hidden" name="dir" value={dir} /> : null}
      <SelectField name="size" label={labels.pageSize} value={size} options={PAGE_SIZE_OPTIONS} />
      <button type="submit" className={buttonPrimary}>
        {labels.apply}
      </button>
      {/* Reset the typed text too: on the list's own URL, the fields' defaults do not change. */}
      <ListLink href={path} className={buttonSecondary} onClick={(e) => e.currentTarget.closest("form")?.reset()}>
        {labels.reset}
      </ListLink>
    </div>
  );
}

export function FilterGrid({ children }: { children: ReactNode }) {
  return <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">{children}</div>;
}
