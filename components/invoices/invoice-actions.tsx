"use client";

import Link from "next/link";
import { useActionState, useOptimistic, useRef, useEffect, useState, useSyncExternalStore } from "react";

import { bookkeepInvoiceAction, cancelInvoiceAction, creditInvoiceAction, type InvoiceActionState } from "@/lib/actions/invoices";
import type { ActionResult } from "@/lib/actions/result";
import { formatMoney } from "@/lib/format";
import { en, sv } from "@/lib/i18n/messages/write";
import { allowedInvoiceActions } from "@/lib/invoices/state";
import { writeTranslator } from "@/components/forms/translate";
import { buttonDanger, buttonPrimary, buttonSecondary } from "@/components/ui/styles";

type Op = "bookkeep" | "cancel" | "credit";
type Outcome = { op: Op; result: ActionResult<InvoiceActionState> } | null;

const ACTIONS = { bookkeep: bookkeepInvoiceAction, cancel: cancelInvoiceAction, credit: creditInvoiceAction } as const;
const noSubscribe = () => () => {};

/**
 * Bookkeep / cancel / credit buttons for an invoice's detail page, showing only what its state
 * allows. Cancel and credit ask for confirmation in the page. The new state shows at once
 * (optimistic) and settles on Fortnox's answer; outcomes are announced in a live region.
 */
export function InvoiceActions({
  connectionId,
  documentNumber,
  booked,
  cancelled,
  credit,
  creditInvoiceReference,
  balance,
}: {
  connectionId: string;
  documentNumber: number;
  booked: boolean;
  cancelled: boolean;
  credit: boolean;
  creditInvoiceReference: number | null;
  balance: number;
}) {
  // The page's <html lang> is the request's locale; before hydration Swedish, Brygga's default.
  const lang = useSyncExternalStore(noSubscribe, () => document.documentElement.lang, () => "sv");
  const locale = lang === "en" ? "en" : "sv";
  const t = writeTranslator(locale === "en" ? en : sv);

  const [settled, setSettled] = useState<InvoiceActionState | null>(null);
  const current = { booked: settled?.booked ?? booked, cancelled: settled?.cancelled ?? cancelled, credit, creditInvoiceReference: settled?.creditInvoiceReference ?? creditInvoiceReference };
  const [shown, setOptimistic] = useOptimistic(current, (s, op: Op) => ({ ...s, booked: s.booked || op === "bookkeep", cancelled: s.cancelled || op === "cancel" }));
  const [confirming, setConfirming] = useState<"cancel" | "credit" | null>(null);
  const [outcome, dispatch, pending] = useActionState<Outcome, FormData>(async (prev, formData) => {
    const op = formData.get("op");
    if (op !== "bookkeep" && op !== "cancel" && op !== "credit") return prev;
    setOptimistic(op);
    setConfirming(null);
    const result = await ACTIONS[op](null, formData);
    if (result.ok) setSettled(result.data);
    return { op, result };
  }, null);
  const confirmRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  const allowed = allowedInvoiceActions(shown);
  const amount = formatMoney(balance, "SEK", locale);
  const result = outcome?.result;
  const message = !result ? "" : !result.ok ? result.message : outcome.op === "credit" ? t("write.actions.done.credit", { credit: result.data.creditInvoiceReference ?? "" }) : t(`write.actions.done.${outcome.op}`, { number: documentNumber });

  return (
    <section aria-labelledby="invoice-actions-title" className="space-y-3">
      <h2 id="invoice-actions-title" className="text-lg font-semibold">
        {t("write.actions.title")}
      </h2>
      <form action={dispatch} className="space-y-3">
        <input type="hidden" name="connectionId" value={connectionId} />
        <input type="hidden" name="documentNumber" value={documentNumber} />
        {confirming ? (
          <div className="rounded-md border border-red-200 bg-red-50 p-4">
            <p ref={confirmRef} tabIndex={-1} id="invoice-action-confirm" className="text-sm text-red-900">
              {confirming === "cancel" ? t("write.actions.confirm.cancel", { number: documentNumber }) : t("write.actions.confirm.credit", { number: documentNumber, amount })}
            </p>
            <div className="mt-3 flex gap-3">
              <button type="submit" name="op" value={confirming} className={buttonDanger} disabled={pending} aria-describedby="invoice-action-confirm">
                {confirming === "cancel" ? t("write.actions.yes.cancel") : t("write.actions.yes.credit")}
              </button>
              <button type="button" className={buttonSecondary} onClick={() => setConfirming(null)}>
                {t("write.actions.no")}
              </button>
            </div>
          </div>
        ) : (
          <div className="flex flex-wrap gap-3">
            {allowed.bookkeep ? (
              <button type="submit" name="op" value="bookkeep" className={buttonPrimary} disabled={pending} aria-busy={pending || undefined}>
                {t("write.actions.bookkeep")}
              </button>
            ) : null}
            {allowed.cancel ? (
              <button type="button" className={buttonDanger} disabled={pending} onClick={() => setConfirming("cancel")}>
                {t("write.actions.cancel")}
              </button>
            ) : null}
            {allowed.credit ? (
              <button type="button" className={buttonSecondary} disabled={pending} onClick={() => setConfirming("credit")}>
                {t("write.actions.credit")}
              </button>
            ) : null}
            {!allowed.bookkeep && !allowed.cancel && !allowed.credit ? <p className="text-sm text-slate-600">{t("write.actions.none")}</p> : null}
          </div>
        )}
      </form>
      <div aria-live="polite" role="status" className={`text-sm ${result && !result.ok ? "text-red-700" : "text-slate-800"}`} data-testid="invoice-action-status">
        {pending ? t("write.actions.working") : message}
        {!pending && result?.ok && result.data.creditInvoiceReference && outcome?.op === "credit" ? (
          <>
            {" "}
            <Link href={`/invoices/${result.data.creditInvoiceReference}`} className="underline">
              {t("write.actions.openCredit", { credit: result.data.creditInvoiceReference })}
            </Link>
          </>
        ) : null}
      </div>
    </section>
  );
}
