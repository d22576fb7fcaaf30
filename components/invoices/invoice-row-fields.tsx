"use client";

import { useEffect, useEffectEvent, useRef } from "react";

import { INVOICE_LIMITS } from "@/lib/invoices/schema";
import { VAT_RATES } from "@/lib/forms/fields";
import { SelectField, TextField } from "@/components/forms/field";
import type { WriteT } from "@/components/forms/translate";
import { buttonSecondary } from "@/components/ui/styles";

import { useArticleLookup, type ArticleSuggestion } from "./use-article-lookup";

export interface RowState {
  key: number;
  articleNumber: string;
  accountNumber: string;
  description: string;
  quantity: string;
  price: string;
  vat: string;
  discount: string;
}

const decimalText = (n: number | null) => (n === null ? "" : String(n).replace(".", ","));

/** One invoice row's controls; picking a known article fills its text, price and VAT rate. */
export function InvoiceRowFields({
  row,
  index,
  connectionId,
  t,
  errorsFor,
  onChange,
  onRemove,
  canRemove,
}: {
  row: RowState;
  index: number;
  connectionId: string;
  t: WriteT;
  errorsFor: (name: string) => string[] | undefined;
  onChange: (patch: Partial<RowState>) => void;
  onRemove: () => void;
  canRemove: boolean;
}) {
  const { suggestions, search } = useArticleLookup(connectionId);
  const name = (f: keyof RowState) => `rows.${index}.${f}`;
  const listId = `articles-${row.key}`;

  // The article whose text, price and VAT this row took last: each is applied once, so what the
  // user then types over them stays.
  const applied = useRef<string | null>(null);
  const fill = (hit: ArticleSuggestion) => {
    applied.current = hit.articleNumber;
    onChange({
      articleNumber: hit.articleNumber,
      description: row.description || hit.description,
      price: row.price || decimalText(hit.salesPrice),
      vat: hit.vat !== null && (VAT_RATES as readonly number[]).includes(hit.vat) ? String(hit.vat) : row.vat,
    });
  };
  const pickArticle = (value: string) => {
    onChange({ articleNumber: value });
    const hit: ArticleSuggestion | undefined = suggestions.find((s) => s.articleNumber === value);
    if (hit) fill(hit);
    else search(value);
  };
  // A number typed key by key usually outruns its search: the suggestions that hold it arrive after
  // the last keystroke, and then the row is filled from them.
  const fillFromSuggestions = useEffectEvent(() => {
    if (row.articleNumber === "" || applied.current === row.articleNumber) return;
    const hit = suggestions.find((s) => s.articleNumber === row.articleNumber);
    if (hit) fill(hit);
  });
  useEffect(() => fillFromSuggestions(), [suggestions, row.articleNumber]);

  return (
    <fieldset className="rounded-md border border-slate-200 p-4">
      <legend className="px-1 text-sm font-semibold">{t("write.invoice.row", { n: index + 1 })}</legend>
      <div className="grid gap-3 sm:grid-cols-6">
        <TextField
          className="flex flex-col gap-1 sm:col-span-2"
          name={name("articleNumber")}
          label={t("write.invoice.row.article")}
          marker={t("write.optional")}
          hint={t("write.invoice.row.article.hint")}
          errors={errorsFor(name("articleNumber"))}
          value={row.articleNumber}
          onChange={(e) => pickArticle(e.target.value)}
          list={listId}
          autoComplete="off"
          maxLength={INVOICE_LIMITS.articleNumber}
        />
        <datalist id={listId}>
          {suggestions.map((s) => (
            <option key={s.articleNumber} value={s.articleNumber}>
              {s.description}
            </option>
          ))}
        </datalist>
        <TextField
          name={name("accountNumber")}
          label={t("write.invoice.row.account")}
          marker={t("write.optional")}
          errors={errorsFor(name("accountNumber"))}
          value={row.accountNumber}
          onChange={(e) => onChange({ accountNumber: e.target.value })}
          inputMode="numeric"
          maxLength={4}
          autoComplete="off"
        />
        <TextField
          className="flex flex-col gap-1 sm:col-span-3"
          name={name("description")}
          label={t("write.invoice.row.description")}
          errors={errorsFor(name("description"))}
          value={row.description}
          onChange={(e) => onChange({ description: e.target.value })}
          maxLength={INVOICE_LIMITS.description}
          autoComplete="off"
        />
        <TextField name={name("quantity")} label={t("write.invoice.row.quantity")} errors={errorsFor(name("quantity"))} value={row.quantity} onChange={(e) => onChange({ quantity: e.target.value })} inputMode="decimal" autoComplete="off" />
        <TextField name={name("price")} label={t("write.invoice.row.price")} errors={errorsFor(name("price"))} value={row.price} onChange={(e) => onChange({ price: e.target.value })} inputMode="decimal" autoComplete="off" />
        <SelectField name={name("vat")} label={t("write.vat")} errors={errorsFor(name("vat"))} value={row.vat} onChange={(e) => onChange({ vat: e.target.value })} options={VAT_RATES.map((r) => ({ value: String(r), label: t("write.vat.rate", { rate: r }) }))} />
        <TextField
          name={name("discount")}
          label={t("write.invoice.row.discount")}
          marker={t("write.optional")}
          errors={errorsFor(name("discount"))}
          value={row.discount}
          onChange={(e) => onChange({ discount: e.target.value })}
          inputMode="decimal"
          autoComplete="off"
        />
        <div className="flex items-end">
          <button type="button" className={buttonSecondary} onClick={onRemove} disabled={!canRemove}>
            {t("write.invoice.removeRow", { n: index + 1 })}
          </button>
        </div>
      </div>
    </fieldset>
  );
}
