"use client";

import Link from "next/link";

import { createArticleWithFlash, updateArticleWithFlash } from "@/lib/flash/actions";
import { ARTICLE_LIMITS } from "@/lib/articles/schema";
import { VAT_RATES } from "@/lib/forms/fields";
import { CheckboxField, SelectField, TextField } from "@/components/forms/field";
import { ErrorSummary } from "@/components/forms/error-summary";
import { SubmitButton } from "@/components/forms/submit-button";
import { fieldLabel, writeTranslator, type WriteMessages } from "@/components/forms/translate";
import { useWriteForm } from "@/components/forms/use-write-form";
import { buttonSecondary } from "@/components/ui/styles";

export interface ArticleFormValues {
  articleNumber: string;
  description: string;
  type: string;
  unit: string;
  /** As shown: Swedish decimals ("1250,00"). */
  salesPrice: string;
  purchasePrice: string;
  vat: string;
  salesAccount: string;
  ean: string;
  active: boolean;
}

/** Create or edit an article. Prices take a comma or a dot; the edit form posts every field. */
export function ArticleForm({ connectionId, mode, initial, messages, cancelHref }: { connectionId: string; mode: "create" | "edit"; initial?: ArticleFormValues; messages: WriteMessages; cancelHref: string }) {
  const t = writeTranslator(messages);
  const { state, formAction, pending, onSubmit, errorsFor } = useWriteForm(mode === "create" ? createArticleWithFlash : updateArticleWithFlash);
  const optional = t("write.optional");
  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="space-y-6">
      <ErrorSummary result={state} title={t("write.summary.title")} fieldsIntro={t("write.summary.fields")} labelOf={(f) => (f === "vat" ? t("write.vat") : fieldLabel(messages, "write.article.", f))} />
      <input type="hidden" name="connectionId" value={connectionId} />
      <div className="grid gap-4 sm:grid-cols-2">
        {mode === "create" ? (
          <TextField name="articleNumber" label={t("write.article.articleNumber")} marker={optional} hint={t("write.article.articleNumber.hint")} errors={errorsFor("articleNumber")} maxLength={ARTICLE_LIMITS.articleNumber} autoComplete="off" />
        ) : (
          <input type="hidden" name="articleNumber" value={initial?.articleNumber ?? ""} />
        )}
        <TextField name="description" label={t("write.article.description")} required aria-required errors={errorsFor("description")} defaultValue={initial?.description} maxLength={ARTICLE_LIMITS.description} autoComplete="off" />
        <SelectField
          name="type"
          label={t("write.article.type")}
          errors={errorsFor("type")}
          defaultValue={mode === "edit" ? initial?.type : initial?.type || "SERVICE"}
          options={[
            // An article whose detail Brygga has not fetched yet has no known type: saving must not
            // set one the user did not choose (blank is not sent; lib/fortnox/writes/articles.ts).
            ...(mode === "edit" && !initial?.type ? [{ value: "", label: t("write.article.type.unknown") }] : []),
            { value: "SERVICE", label: t("write.article.type.SERVICE") },
            { value: "STOCK", label: t("write.article.type.STOCK") },
          ]}
        />
        <TextField name="unit" label={t("write.article.unit")} marker={optional} errors={errorsFor("unit")} defaultValue={initial?.unit} maxLength={ARTICLE_LIMITS.unit} autoComplete="off" />
        <TextField name="salesPrice" label={t("write.article.salesPrice")} marker={optional} errors={errorsFor("salesPrice")} defaultValue={initial?.salesPrice} inputMode="decimal" autoComplete="off" />
        <TextField name="purchasePrice" label={t("write.article.purchasePrice")} marker={optional} errors={errorsFor("purchasePrice")} defaultValue={initial?.purchasePrice} inputMode="decimal" autoComplete="off" />
        <SelectField name="vat" label={t("write.vat")} errors={errorsFor("vat")} defaultValue={initial?.vat || "25"} options={VAT_RATES.map((r) => ({ value: String(r), label: t("write.vat.rate", { rate: r }) }))} />
        <TextField
          name="salesAccount"
          label={t("write.article.salesAccount")}
          marker={optional}
          hint={t("write.article.salesAccount.hint")}
          errors={errorsFor("salesAccount")}
          defaultValue={initial?.salesAccount}
          inputMode="numeric"
          maxLength={4}
          autoComplete="off"
        />
        <TextField name="ean" label={t("write.article.ean")} marker={optional} errors={errorsFor("ean")} defaultValue={initial?.ean} inputMode="numeric" maxLength={ARTICLE_LIMITS.ean} autoComplete="off" />
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
