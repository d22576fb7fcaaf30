import Link from "next/link";
import type { ReactNode } from "react";

import { PAGE_SIZES } from "@/lib/db/queries/list-params";
import { buttonPrimary, buttonSecondary, input } from "@/components/ui/styles";

/** Labelled filter controls for list forms; every control has a visible label. */

export function TextField({ name, label, defaultValue, hint, type = "text", wide = false }: { name: string; label: string; defaultValue?: string; hint?: string; type?: "text" | "search" | "date"; wide?: boolean }) {
  const id = `f-${name}`;
  return (
    <div className={`flex flex-col gap-1 ${wide ? "sm:col-span-2" : ""}`}>
      <label htmlFor={id} className="text-sm font-medium text-slate-700">
        {label}
      </label>
      <input id={id} name={name} type={type} defaultValue={defaultValue ?? ""} className={input} aria-describedby={hint ? `${id}-hint` : undefined} maxLength={100} />
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

export function SelectField({ name, label, value, options, anyLabel }: { name: string; label: string; value?: string; options: { value: string; label: string }[]; anyLabel?: string }) {
  const id = `f-${name}`;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-700">
        {label}
      </label>
      <select id={id} name={name} defaultValue={value ?? ""} className={input}>
        {anyLabel ? <option value="">{anyLabel}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Page size, the current sort (kept when filters change) and the form's buttons. */
export function FormFooter({ path, size, sort, dir, labels }: { path: string; size: number; sort?: string; dir?: string; labels: { pageSize: string; apply: string; reset: string } }) {
  return (
    <div className="mt-4 flex flex-wrap items-end gap-3">
      {sort ? <input type="hidden" name="sort" value={sort} /> : null}
      {dir ? <input type="hidden" name="dir" value={dir} /> : null}
      <SelectField name="size" label={labels.pageSize} value={String(size)} options={PAGE_SIZES.map((s) => ({ value: String(s), label: String(s) }))} />
      <button type="submit" className={buttonPrimary}>
        {labels.apply}
      </button>
      <Link href={path} className={buttonSecondary}>
        {labels.reset}
      </Link>
    </div>
  );
}

export function FilterGrid({ children }: { children: ReactNode }) {
  return <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">{children}</div>;
}
