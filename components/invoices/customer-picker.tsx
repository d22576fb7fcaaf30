"use client";

import { Command } from "cmdk";
import { useEffect, useRef, useState } from "react";

import { formatOrganisationNumber } from "@/lib/format";
import type { WriteT } from "@/components/forms/translate";
import { input } from "@/components/ui/styles";

import { useCustomerLookup, type CustomerChoice } from "./use-customer-lookup";

const describe = (c: CustomerChoice) => `${c.name} (${c.customerNumber})`;

/**
 * The invoice form's customer: search as you type (number, organisation number or name, from the
 * synced customers) and pick one, instead of typing a customer number blind. cmdk supplies the
 * combobox (arrow keys, Enter, aria-activedescendant); the chosen number is posted as
 * `customerNumber`. The wrapper carries the field's id so the error summary's link lands here.
 */
export function CustomerPicker({ id, connectionId, label, hint, errors, initial, t }: { id: string; connectionId: string; label: string; hint: string; errors?: string[]; initial?: CustomerChoice; t: WriteT }) {
  const [chosen, setChosen] = useState<CustomerChoice | null>(initial ?? null);
  const [text, setText] = useState(initial ? describe(initial) : "");
  const [open, setOpen] = useState(false);
  const { results, loading, search } = useCustomerLookup(connectionId);
  const inputRef = useRef<HTMLInputElement>(null);
  const invalid = Boolean(errors?.length);

  // cmdk always marks its input expanded; say whether the list is actually showing.
  useEffect(() => {
    inputRef.current?.setAttribute("aria-expanded", String(open));
  }, [open]);

  const type = (value: string) => {
    setText(value);
    setChosen(null);
    setOpen(true);
    search(value);
  };
  const choose = (c: CustomerChoice) => {
    setChosen(c);
    setText(describe(c));
    setOpen(false);
  };
  const status = loading ? t("write.picker.searching") : !open ? "" : results.length === 0 ? t("write.picker.none") : t("write.picker.count", { count: results.length });

  return (
    <div id={id} tabIndex={-1} className="flex flex-col gap-1 sm:col-span-2">
      <span aria-hidden="true" className="text-sm font-medium text-slate-800" onClick={() => inputRef.current?.focus()}>
        {label}
      </span>
      <input type="hidden" name="customerNumber" value={chosen?.customerNumber ?? ""} />
      <Command label={label} shouldFilter={false} loop className="relative">
        <Command.Input
          ref={inputRef}
          value={text}
          onValueChange={type}
          onFocus={() => {
            setOpen(true);
            if (!chosen) search(text);
          }}
          onBlur={() => setOpen(false)}
          onKeyDown={(e) => {
            if (e.key === "Escape") setOpen(false);
          }}
          aria-required="true"
          aria-invalid={invalid || undefined}
          aria-describedby={`${id}-hint${invalid ? ` ${id}-error` : ""}`}
          maxLength={100}
          data-testid="customer-picker"
          className={`${input} w-full ${invalid ? "border-red-600" : ""}`}
        />
        <Command.List
          hidden={!open || results.length === 0}
          onMouseDown={(e) => e.preventDefault()}
          className="absolute z-20 mt-1 max-h-72 w-full overflow-y-auto rounded-md border border-slate-200 bg-white py-1 shadow-lg"
        >
          {results.map((c) => (
            <Command.Item
              key={c.customerNumber}
              value={c.customerNumber}
              onSelect={() => choose(c)}
              className="cursor-pointer px-3 py-2 text-sm text-slate-900 data-[selected=true]:bg-brand-50 data-[selected=true]:text-brand-900"
            >
              <span className="block font-medium">{c.name}</span>
              <span className="block text-xs text-slate-700">
                {[c.customerNumber, c.organisationNumber ? formatOrganisationNumber(c.organisationNumber) : null, c.city].filter(Boolean).join(" · ")}
              </span>
            </Command.Item>
          ))}
        </Command.List>
      </Command>
      <p id={`${id}-hint`} className="text-xs text-slate-600">
        {hint}
      </p>
      <p role="status" className="text-sm text-slate-700" data-testid="customer-picker-status">
        {chosen ? t("write.picker.chosen", { name: chosen.name, number: chosen.customerNumber }) : <span className="sr-only">{status}</span>}
      </p>
      {invalid ? (
        <p id={`${id}-error`} className="text-sm text-red-700">
          {errors!.join(" ")}
        </p>
      ) : null}
    </div>
  );
}
