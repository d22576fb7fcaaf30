"use client";

import Link from "next/link";

import { createCustomerWithFlash, updateCustomerWithFlash } from "@/lib/flash/actions";
import { CUSTOMER_LIMITS } from "@/lib/customers/schema";
import { CheckboxField, SelectField, TextField } from "@/components/forms/field";
import { ErrorSummary } from "@/components/forms/error-summary";
import { SubmitButton } from "@/components/forms/submit-button";
import { fieldLabel, writeTranslator, type WriteMessages } from "@/components/forms/translate";
import { useWriteForm } from "@/components/forms/use-write-form";
import { buttonSecondary } from "@/components/ui/styles";

export interface CustomerFormValues {
  customerNumber: string;
  name: string;
  organisationNumber: string;
  type: string;
  email: string;
  phone: string;
  address1: string;
  address2: string;
  zipCode: string;
  city: string;
  yourReference: string;
  active: boolean;
}

const TEXT_FIELDS = ["email", "phone", "address1", "address2", "zipCode", "city", "yourReference"] as const;

/** Create or edit a customer. The edit form posts every field: a blank one clears it in Fortnox. */
export function CustomerForm({ connectionId, mode, initial, messages, cancelHref }: { connectionId: string; mode: "create" | "edit"; initial?: CustomerFormValues; messages: WriteMessages; cancelHref: string }) {
  const t = writeTranslator(messages);
  const { state, formAction, pending, onSubmit, errorsFor } = useWriteForm(mode === "create" ? createCustomerWithFlash : updateCustomerWithFlash);
  const optional = t("write.optional");
  const labelOf = (f: string) => fieldLabel(messages, "write.customer.", f);
  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="space-y-6">
      <ErrorSummary result={state} title={t("write.summary.title")} fieldsIntro={t("write.summary.fields")} labelOf={labelOf} />
      <input type="hidden" name="connectionId" value={connectionId} />
      <div className="grid gap-4 sm:grid-cols-2">
        {mode === "create" ? (
          <TextField name="customerNumber" label={t("write.customer.customerNumber")} marker={optional} hint={t("write.customer.customerNumber.hint")} errors={errorsFor("customerNumber")} maxLength={CUSTOMER_LIMITS.customerNumber} autoComplete="off" />
        ) : (
          <input type="hidden" name="customerNumber" value={initial?.customerNumber ?? ""} />
        )}
        <TextField name="name" label={t("write.customer.name")} required aria-required errors={errorsFor("name")} defaultValue={initial?.name} maxLength={CUSTOMER_LIMITS.name} autoComplete="organization" />
        <TextField
          name="organisationNumber"
          label={t("write.customer.organisationNumber")}
          marker={optional}
          hint={t("write.customer.organisationNumber.hint")}
          errors={errorsFor("organisationNumber")}
          defaultValue={initial?.organisationNumber}
          inputMode="numeric"
          maxLength={13}
          autoComplete="off"
        />
        <SelectField
          name="type"
          label={t("write.customer.type")}
          errors={errorsFor("type")}
          defaultValue={initial?.type || "COMPANY"}
          options={[
            { value: "COMPANY", label: t("write.customer.type.COMPANY") },
            { value: "PRIVATE", label: t("write.customer.type.PRIVATE") },
          ]}
        />
        {TEXT_FIELDS.map((f) => (
          <TextField
            key={f}
            name={f}
            label={t(`write.customer.${f}`)}
            marker={optional}
            errors={errorsFor(f)}
            defaultValue={initial?.[f]}
            type={f === "email" ? "email" : f === "phone" ? "tel" : "text"}
            maxLength={f === "zipCode" ? CUSTOMER_LIMITS.zipCode : f === "yourReference" ? CUSTOMER_LIMITS.reference : CUSTOMER_LIMITS.text}
            autoComplete={AUTOCOMPLETE[f]}
          />
        ))}
        {mode === "edit" ? <CheckboxField name="active" label={t("write.active")} defaultChecked={initial?.active ?? true} errors={errorsFor("active")} /> : null}
      </div>
      <div className="flex gap-3">
        <SubmitButton pending={pending} label={mode === "create" ? t("write.create") : t("write.save")} pendingLabel={mode === "create" ? t("write.creating") : t("write.saving")} />
        <Link href={cancelHref} className={buttonSecondary}>
          {t("write.back")}
        </Link>
      </div>
    </form>
  );
}

const AUTOCOMPLETE: Record<(typeof TEXT_FIELDS)[number], string> = {
  email: "email",
  phone: "tel",
  address1: "address-line1",
  address2: "address-line2",
  zipCode: "postal-code",
  city: "address-level2",
  yourReference: "off",
};
