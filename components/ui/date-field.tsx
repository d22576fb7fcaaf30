"use client";

import { useEffect, useRef, useState } from "react";

import { input } from "./styles";

export interface DateFieldLabels {
  placeholder: string;
  invalid: string;
  /** The calendar button's name, e.g. "Välj Fakturadatum från i en kalender". */
  calendar: string;
}

/** A real calendar date written YYYY-MM-DD (2026-02-30 is not one). */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(value);
}

/** 20260315 and 2026 03 15 become 2026-03-15; anything else is left for the user to see. */
function normalise(value: string): string {
  const v = value.trim();
  const m = /^(\d{4})[\s./]?(\d{2})[\s./]?(\d{2})$/.exec(v);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : v;
}

/**
 * A date field that shows and accepts YYYY-MM-DD whatever the browser's language: a text input
 * (pattern, numeric keyboard, checked as typed) instead of <input type="date">, whose format
 * follows the browser (mm/dd/yyyy in an English one). The calendar button opens the browser's own
 * date picker on a hidden date input and writes the chosen day back as YYYY-MM-DD. An invalid date
 * is marked invalid, explained under the field, and blocks a form that validates.
 */
export function DateField({
  id,
  name,
  label,
  defaultValue = "",
  hint,
  marker,
  errors,
  labels,
  className = "flex flex-col gap-1",
}: {
  id: string;
  name: string;
  label: string;
  defaultValue?: string;
  hint?: string;
  marker?: string;
  errors?: string[];
  labels: DateFieldLabels;
  className?: string;
}) {
  const [value, setValue] = useState(defaultValue);
  const [checked, setChecked] = useState(false);
  const text = useRef<HTMLInputElement>(null);
  const picker = useRef<HTMLInputElement>(null);
  const errorId = `${id}-error`;
  const wrong = value.trim() !== "" && !isIsoDate(value.trim());
  const shown = [...(errors ?? []), ...(checked && wrong ? [labels.invalid] : [])];
  const describedBy = [hint ? `${id}-hint` : null, shown.length ? errorId : null].filter(Boolean).join(" ") || undefined;

  useEffect(() => {
    text.current?.setCustomValidity(wrong ? labels.invalid : "");
  }, [wrong, labels.invalid]);

  const openCalendar = () => {
    const p = picker.current;
    if (!p) return;
    p.value = isIsoDate(value.trim()) ? value.trim() : "";
    try {
      p.showPicker();
    } catch {
      // Browsers without showPicker: the typed field still works.
      text.current?.focus();
    }
  };

  return (
    <div className={className}>
      <label htmlFor={id} className="text-sm font-medium text-slate-800">
        {label}
        {marker ? <span className="font-normal text-slate-600"> {marker}</span> : null}
      </label>
      <div className="relative flex">
        <input
          ref={text}
          id={id}
          name={name}
          type="text"
          inputMode="numeric"
          pattern="\d{4}-\d{2}-\d{2}"
          placeholder={labels.placeholder}
          maxLength={10}
          autoComplete="off"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          onBlur={() => {
            setValue((v) => normalise(v));
            setChecked(true);
          }}
          aria-invalid={shown.length > 0 || undefined}
          aria-describedby={describedBy}
          className={`${input} w-full pr-10 tabular-nums ${shown.length ? "border-red-600" : ""}`}
        />
        <button type="button" onClick={openCalendar} aria-label={labels.calendar} className="absolute inset-y-0 right-0 flex w-9 items-center justify-center rounded-r-md text-slate-600 hover:text-brand-700">
          <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="1.6">
            <rect x="3" y="4.5" width="14" height="12" rx="1.5" />
            <path d="M3 8.5h14M7 3v3M13 3v3" />
          </svg>
        </button>
        <input
          ref={picker}
          type="date"
          tabIndex={-1}
          aria-hidden="true"
          className="pointer-events-none absolute right-0 bottom-0 h-px w-px opacity-0"
          onChange={(e) => {
            if (!e.target.value) return;
            setValue(e.target.value);
            setChecked(true);
            text.current?.focus();
          }}
        />
      </div>
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      {shown.length ? (
        <p id={errorId} className="text-sm text-red-700">
          {shown.join(" ")}
        </p>
      ) : null}
    </div>
  );
}
