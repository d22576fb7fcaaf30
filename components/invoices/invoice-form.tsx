"use client";

import Link from "next/link";
import { useState } from "react";

import { createInvoiceWithFlash } from "@/lib/flash/actions";
import { parseDecimal } from "@/lib/forms/fields";
import { formatMoney } from "@/lib/format";
import { INVOICE_LIMITS } from "@/lib/invoices/schema";
import { computeTotals } from "@/lib/invoices/totals";
import { CheckboxField, fieldId, TextField } from "@/components/forms/field";
import { ErrorSummary } from "@/components/forms/error-summary";
import { SubmitButton } from "@/components/forms/submit-button";
import { writeTranslator, type WriteMessages } from "@/components/forms/translate";
import { useWriteForm } from "@/components/forms/use-write-form";
import { DateField } from "@/components/ui/date-field";
import { buttonSecondary } from "@/components/ui/styles";

import { CustomerPicker } from "./customer-picker";
import type { CustomerChoice } from "./use-customer-lookup";

import { InvoiceRowFields, type RowState } from "./invoice-row-fields";

const blankRow = (key: number): RowState => ({ key, articleNumber: "", accountNumber: "", description: "", quantity: "1", price: "", vat: "25", discount: "" });

const ROW_LABELS: Record<string, string> = { articleNumber: "article", accountNumber: "account", description: "description", quantity: "quantity", price: "price", discount: "discount" };

/** A new invoice: header fields, a rows editor with article lookup, and a live totals preview in SEK. */
export function InvoiceForm({ connectionId, messages, locale, cancelHref, customer }: { connectionId: string; messages: WriteMessages; locale: "sv" | "en"; cancelHref: string; customer?: CustomerChoice }) {
  const t = writeTranslator(messages);
  const { state, formAction, pending, onSubmit, errorsFor } = useWriteForm(createInvoiceWithFlash);
  const [rows, setRows] = useState<RowState[]>(() => [blankRow(0)]);
  const [vatIncluded, setVatIncluded] = useState(false);
  const optional = t("write.optional");

  const update = (key: number, patch: Partial<RowState>) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const num = (s: string, fallback = 0) => (s.trim() === "" ? fallback : parseDecimal(s));
  const totals = computeTotals(
    rows.map((r) => ({ quantity: num(r.quantity), price: num(r.price), vat: num(r.vat, 25), discount: num(r.discount) })),
    vatIncluded,
  );
  const money = (n: number) => formatMoney(n, "SEK", locale);

  const labelOf = (field: string): string => {
    const m = /^rows\.(\d+)\.(\w+)$/.exec(field);
    if (m) {
      const key = m[2] === "vat" ? "write.vat" : (`write.invoice.row.${ROW_LABELS[m[2]!] ?? m[2]!}` as const);
      const label = Object.hasOwn(messages, key) ? messages[key as keyof WriteMessages] : m[2]!;
      return `${t("write.invoice.row", { n: Number(m[1]) + 1 })}: ${label}`;
    }
    const key = `write.invoice.${field}`;
    return Object.hasOwn(messages, key) ? messages[key as keyof WriteMessages] : field;
  };

  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="space-y-6">
      <ErrorSummary result={state} title={t("write.summary.title")} fieldsIntro={t("write.summary.fields")} labelOf={labelOf} />
      <input type="hidden" name="connectionId" value={connectionId} />
      <div className="grid gap-4 sm:grid-cols-2">
        <CustomerPicker id={fieldId("customerNumber")} connectionId={connectionId} label={t("write.invoice.customer")} hint={t("write.invoice.customer.hint")} errors={errorsFor("customerNumber")} initial={customer} t={t} />
        {(["invoiceDate", "dueDate"] as const).map((name) => (
          <DateField
            key={name}
            id={fieldId(name)}
            name={name}
            label={t(`write.invoice.${name}`)}
            marker={optional}
            hint={t(`write.invoice.${name}.hint`)}
            errors={errorsFor(name)}
            labels={{ placeholder: t("write.date.placeholder"), invalid: t("write.err.date"), calendar: t("write.date.calendar", { label: t(`write.invoice.${name}`) }) }}
          />
        ))}
        <TextField name="yourReference" label={t("write.invoice.yourReference")} marker={optional} errors={errorsFor("yourReference")} maxLength={INVOICE_LIMITS.reference} autoComplete="off" />
        <TextField name="ourReference" label={t("write.invoice.ourReference")} marker={optional} errors={errorsFor("ourReference")} maxLength={INVOICE_LIMITS.reference} autoComplete="off" />
        <TextField name="remarks" label={t("write.invoice.remarks")} marker={optional} errors={errorsFor("remarks")} maxLength={INVOICE_LIMITS.remarks} autoComplete="off" />
      </div>
      <CheckboxField name="vatIncluded" label={t("write.invoice.vatIncluded")} errors={errorsFor("vatIncluded")} onChange={setVatIncluded} />

      <section aria-labelledby="rows-heading" className="space-y-4">
        <div className="flex items-baseline justify-between">
          <h2 id="rows-heading" className="text-lg font-semibold">
            {t("write.invoice.rows")}
          </h2>
          <p className="text-sm text-slate-600">{t("write.invoice.rowCount", { count: rows.length, max: INVOICE_LIMITS.rows })}</p>
        </div>
        {errorsFor("rows") ? (
          <p id={"f-rows"} tabIndex={-1} className="text-sm text-red-700">
            {errorsFor("rows")!.join(" ")}
          </p>
        ) : null}
        {rows.map((row, i) => (
          <InvoiceRowFields
            key={row.key}
            row={row}
            index={i}
            connectionId={connectionId}
            t={t}
            errorsFor={errorsFor}
            onChange={(patch) => update(row.key, patch)}
            onRemove={() => setRows((rs) => rs.filter((r) => r.key !== row.key))}
            canRemove={rows.length > 1}
          />
        ))}
        <button type="button" className={buttonSecondary} disabled={rows.length >= INVOICE_LIMITS.rows} onClick={() => setRows((rs) => [...rs, blankRow(Math.max(...rs.map((r) => r.key)) + 1)])}>
          {t("write.invoice.addRow")}
        </button>
      </section>

      <section aria-labelledby="totals-heading" className="rounded-md bg-slate-50 p-4">
        <h2 id="totals-heading" className="font-semibold">
          {t("write.invoice.totals")}
        </h2>
        <dl className="mt-2 max-w-sm space-y-1 text-sm">
          <div className="flex justify-between gap-4">
            <dt>{t("write.invoice.net")}</dt>
            <dd className="tabular-nums" data-testid="total-net">
              {money(totals.net)}
            </dd>
          </div>
          {totals.vatByRate.map((v) => (
            <div key={v.rate} className="flex justify-between gap-4">
              <dt>{t("write.invoice.vatAmount", { rate: v.rate })}</dt>
              <dd className="tabular-nums">{money(v.amount)}</dd>
            </div>
          ))}
          <div className="flex justify-between gap-4 font-semibold">
            <dt>{t("write.invoice.total")}</dt>
            <dd className="tabular-nums" data-testid="total-gross">
              {money(totals.total)}
            </dd>
          </div>
        </dl>
        <p className="mt-2 text-xs text-slate-600">{t("write.invoice.totals.note")}</p>
      </section>

      <div className="flex gap-3">
        <SubmitButton pending={pending} label={t("write.create")} pendingLabel={t("write.creating")} />
        <Link href={cancelHref} className={buttonSecondary}>
          {t("write.back")}
        </Link>
      </div>
    </form>
  );
}
