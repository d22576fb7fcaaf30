import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { notFound } from "next/navigation";

import { requireViewerPage } from "@/lib/auth/guards";
import { isCreditedOriginal, paymentState } from "@/lib/browse/invoice-state";
import { getDb } from "@/lib/db/client";
import { parseDocumentNumber } from "@/lib/input/params";
import { getInvoice } from "@/lib/db/queries/invoices";
import { formatDate, formatMoney, todayInStockholm } from "@/lib/format";
import { en as syncEn, sv as syncSv } from "@/lib/i18n/messages/sync";
import { getTranslator } from "@/lib/i18n/server";
import { getSyncStatus } from "@/lib/sync/status";
import { InvoiceRowsTable } from "@/components/browse/invoice-rows-table";
import { InvoiceStatus } from "@/components/browse/invoice-status";
import { InvoiceActions } from "@/components/invoices/invoice-actions";
import { InvoiceRowsPending } from "@/components/sync/invoice-rows-pending";
import { SectionSkeleton } from "@/components/ui/skeleton";
import { card } from "@/components/ui/styles";
import { Fact, link } from "@/components/ui/table";

type Props = { params: Promise<{ documentNumber: string }> };

async function load(params: Props["params"]) {
  const { active } = await requireViewerPage();
  // Another company's invoice, or a number that cannot be one, is answered like one that does not
  // exist. Resolved before any Suspense boundary: once a fallback has streamed, the status is 200.
  const documentNumber = parseDocumentNumber((await params).documentNumber);
  if (documentNumber === null) notFound();
  const invoice = await getInvoice(await getDb(), active.connectionId, documentNumber);
  if (!invoice) notFound();
  return { active, invoice };
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("invoices.detail.title", { number: String(parseDocumentNumber((await params).documentNumber) ?? "?") }) };
}

/** Where the sync is with this invoice's rows; streamed in after the invoice is known to exist. */
async function RowsPending({ connectionId, idle, locale }: { connectionId: string; idle: string; locale: "sv" | "en" }) {
  const initial = await getSyncStatus(await getDb(), connectionId);
  return <InvoiceRowsPending connectionId={connectionId} initial={initial} idle={idle} messages={locale === "en" ? syncEn : syncSv} locale={locale} />;
}

export default async function InvoicePage({ params }: Props) {
  const { active, invoice } = await load(params);
  const { t, locale } = await getTranslator();
  const today = todayInStockholm();
  const money = (n: number) => formatMoney(n, invoice.currency, locale);
  const yesNo = (b: boolean | null) => (b === null ? t("common.unknown") : b ? t("common.yes") : t("common.no"));
  const state = paymentState(invoice, today);
  // Fortnox links a credit pair both ways; the invoice with Credit set is the one that credits.
  const ref = invoice.creditInvoiceReference;
  const credit = ref ? { number: ref, key: isCreditedOriginal(invoice) ? ("invoices.creditedBy" as const) : ("invoices.credits" as const) } : null;
  return (
    <div className="space-y-6">
      <Link href="/invoices" className={link}>
        ← {t("common.back")}
      </Link>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">{t("invoices.detail.title", { number: String(invoice.documentNumber) })}</h1>
        <InvoiceStatus invoice={invoice} today={today} t={t} />
      </div>
      <InvoiceActions connectionId={active.connectionId} documentNumber={invoice.documentNumber} booked={invoice.booked} cancelled={invoice.cancelled} credit={invoice.credit} creditInvoiceReference={invoice.creditInvoiceReference} balance={invoice.balance} />
      <section className={card} aria-labelledby="invoice-facts">
        <h2 id="invoice-facts" className="sr-only">
          {t("invoices.detail.title", { number: String(invoice.documentNumber) })}
        </h2>
        <dl className="grid gap-x-8 gap-y-4 sm:grid-cols-2 lg:grid-cols-3">
          <Fact term={t("invoices.customer")}>
            <Link href={`/customers/${encodeURIComponent(invoice.customerNumber)}`} className={link}>
              {invoice.customerName}
            </Link>{" "}
            <span className="text-sm font-normal text-slate-600">({invoice.customerNumber})</span>
          </Fact>
          <Fact term={t("invoices.invoiceDate")}>{formatDate(invoice.invoiceDate)}</Fact>
          <Fact term={t("invoices.dueDate")}>{formatDate(invoice.dueDate)}</Fact>
          <Fact term={t("invoices.finalPayDate")}>{formatDate(invoice.finalPayDate)}</Fact>
          <Fact term={t("invoices.ocr")}>{invoice.ocr ?? t("common.unknown")}</Fact>
          <Fact term={t("invoices.currency")}>{invoice.currency}</Fact>
          <Fact term={t("invoices.sent")}>{yesNo(invoice.sent)}</Fact>
          <Fact term={t("invoices.booked")}>
            <span data-testid="invoice-booked">{yesNo(invoice.booked)}</span>
          </Fact>
          <Fact term={t("invoices.vatIncluded")}>{yesNo(invoice.vatIncluded)}</Fact>
          {credit ? (
            <Fact term={t("invoices.creditPair")}>
              <Link href={`/invoices/${credit.number}`} className={link} data-testid="invoice-credit-pair">
                {t(credit.key, { number: String(credit.number) })}
              </Link>
            </Fact>
          ) : null}
        </dl>
      </section>
      <section className={card} aria-labelledby="invoice-payment">
        <h2 id="invoice-payment" className="font-semibold">
          {t("invoices.payment")}
        </h2>
        <dl className="mt-4 grid gap-x-8 gap-y-4 sm:grid-cols-3">
          <Fact term={t("invoices.status")}>
            <span data-testid="invoice-state">{t(`invoices.status.${state}`)}</span>
            {invoice.credit ? ` · ${t("invoices.credit")}` : ""}
          </Fact>
          <Fact term={t("invoices.balance")}>
            <span data-testid="invoice-balance">{money(invoice.balance)}</span>
          </Fact>
          <Fact term={t("invoices.total")}>{money(invoice.total)}</Fact>
        </dl>
      </section>
      <section aria-labelledby="invoice-rows-heading" className="space-y-3">
        <h2 id="invoice-rows-heading" className="font-semibold">
          {t("invoices.rows")}
        </h2>
        {invoice.rows.length === 0 && !invoice.detailSyncedAt ? (
          <Suspense fallback={<SectionSkeleton rows={1} />}>
            <RowsPending connectionId={active.connectionId} idle={t("invoices.rows.pending")} locale={locale} />
          </Suspense>
        ) : null}
        <InvoiceRowsTable invoice={invoice} t={t} locale={locale} />
      </section>
    </div>
  );
}
