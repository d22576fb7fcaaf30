import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from "react";

import { input } from "@/components/ui/styles";

/**
 * Labelled form controls with their hint and errors wired for assistive technology: the control
 * points at both through aria-describedby, and aria-invalid marks it when errors exist. Ids derive
 * from the field's name (`rows.0.price` → `f-rows-0-price`) so the error summary can link to them.
 */

export const fieldId = (name: string) => `f-${name.replace(/[^\w-]/g, "-")}`;

interface Common {
  name: string;
  label: string;
  hint?: string;
  errors?: string[];
  /** Shown after the label: "(valfritt)" / "(optional)" on optional fields. */
  marker?: string;
  className?: string;
}

function describedBy(id: string, hint?: string, errors?: string[]): string | undefined {
  const ids = [hint ? `${id}-hint` : null, errors?.length ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

/** The hint and the errors under a control, with the ids its aria-describedby names. */
function FieldMessages({ id, hint, errors }: { id: string; hint?: string; errors?: string[] }) {
  return (
    <>
      {hint ? (
        <p id={`${id}-hint`} className="f-hint">
          {hint}
        </p>
      ) : null}
      {errors?.length ? (
        <p id={`${id}-error`} className="text-sm text-red-700">
          {errors.join(" ")}
        </p>
      ) : null}
    </>
  );
}

function Wrapper({ id, label, marker, hint, errors, className, children }: Omit<Common, "name"> & { id: string; children: ReactNode }) {
  return (
    <div className={className ?? "f-field"}>
      <label htmlFor={id} className="f-label">
        {label}
        {marker ? <span className="font-normal text-slate-600"> {marker}</span> : null}
      </label>
      {children}
      <FieldMessages id={id} hint={hint} errors={errors} />
    </div>
  );
}

export function TextField({ name, label, hint, errors, marker, className, ...rest }: Common & Omit<InputHTMLAttributes<HTMLInputElement>, "name">) {
  const id = rest.id ?? fieldId(name);
  const invalid = Boolean(errors?.length);
  return (
    <Wrapper id={id} label={label} hint={hint} errors={errors} marker={marker} className={className}>
      <input
        {...rest}
        id={id}
        name={name}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy(id, hint, errors)}
        className={invalid ? `${input} border-red-600` : input}
      />
    </Wrapper>
  );
}

export function SelectField({ name, label, hint, errors, marker, className, options, ...rest }: Common & Omit<SelectHTMLAttributes<HTMLSelectElement>, "name"> & { options: { value: string; label: string }[] }) {
  const id = rest.id ?? fieldId(name);
  const invalid = Boolean(errors?.length);
  return (
    <Wrapper id={id} label={label} hint={hint} errors={errors} marker={marker} className={className}>
      <select {...rest} id={id} name={name} aria-invalid={invalid || undefined} aria-describedby={describedBy(id, hint, errors)} className={invalid ? `${input} border-red-600` : input}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Wrapper>
  );
}

export function CheckboxField({ name, label, hint, errors, defaultChecked, onChange }: Common & { defaultChecked?: boolean; onChange?: (checked: boolean) => void }) {
  const id = fieldId(name);
  const invalid = Boolean(errors?.length);
  return (
    <div className="flex flex-col gap-1">
      <div className="flex items-center gap-2">
        <input type="checkbox" id={id} name={name} defaultChecked={defaultChecked} onChange={onChange ? (e) => onChange(e.target.checked) : undefined} aria-invalid={invalid || undefined} aria-describedby={describedBy(id, hint, errors)} className="h-4 w-4" />
        <label htmlFor={id} className="f-label">
          {label}
        </label>
      </div>
      <FieldMessages id={id} hint={hint} errors={errors} />
    </div>
  );
}
