import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { notFound } from "next/navigation";

import { requireViewerPage } from "@/lib/auth/guards";
import { getDb } from "@/lib/db/client";
import { decodeSegment, parseRecordKey } from "@/lib/input/params";
import { getCustomer } from "@/lib/db/queries/customers";
import { formatOrganisationNumber } from "@/lib/format";
import { getTranslator } from "@/lib/i18n/server";
import { customerTypeLabel } from "@/components/browse/customer-table";
import { CustomerInvoices } from "@/components/browse/customer-invoices";
import { buttonPrimary, buttonSecondary, card } from "@/components/ui/styles";
import { SectionSkeleton } from "@/components/ui/skeleton";
import { Fact, link } from "@/components/ui/table";

type Props = { params: Promise<{ customerNumber: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: decodeSegment((await params).customerNumber).slice(0, 60) };
}

export default async function CustomerPage({ params }: Props) {
  const { active } = await requireViewerPage();
  const customerNumber = parseRecordKey((await params).customerNumber);
  if (customerNumber === null) notFound();
  const db = await getDb();
  // Another company's customer is answered exactly like one that does not exist. Resolved before
  // any Suspense boundary: once a fallback has streamed, the status is already 200.
  const customer = await getCustomer(db, active.connectionId, customerNumber);
  if (!customer) notFound();
  const { t } = await getTranslator();
  const allHref = `/invoices?customer=${encodeURIComponent(customer.customerNumber)}`;
  const unknown = t("common.unknown");
  const path = `/customers/${encodeURIComponent(customer.customerNumber)}`;
  const postal = [customer.zipCode, customer.city].map((s) => s?.trim()).filter(Boolean).join(" ");
  const address = [customer.address1, customer.address2, postal].map((s) => s?.trim() ?? "").filter(Boolean);
  return (
    <div className="space-y-6">
      <Link href="/customers" className={link}>
        ← {t("common.back")}
      </Link>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">{customer.name}</h1>
        <div className="flex flex-wrap gap-2">
          <Link href={`${path}/edit`} className={buttonSecondary}>
            {t("common.edit")}
          </Link>
          <Link href={`/invoices/new?customer=${encodeURIComponent(customer.customerNumber)}`} className={buttonPrimary}>
            {t("customers.newInvoice")}
          </Link>
        </div>
      </div>
      <section className={card} aria-label={customer.name}>
        <dl className="grid gap-x-8 gap-y-4 sm:grid-cols-2 lg:grid-cols-3">
          <Fact term={t("customers.number")}>{customer.customerNumber}</Fact>
          <Fact term={t("customers.organisationNumber")}>{customer.organisationNumber ? formatOrganisationNumber(customer.organisationNumber) : unknown}</Fact>
          <Fact term={t("customers.type")}>{customerTypeLabel(customer.type, t)}</Fact>
          <Fact term={t("customers.email")}>{customer.email ? <a href={`mailto:${customer.email}`} className={link}>{customer.email}</a> : unknown}</Fact>
          <Fact term={t("customers.phone")}>{customer.phone ?? unknown}</Fact>
          <Fact term={t("customers.address")}>
            {address.length > 0 ? (
              <address className="not-italic" data-testid="customer-address">
                {address.map((line, i) => (
                  <span key={i} className="block">
                    {line}
                  </span>
                ))}
              </address>
            ) : (
              unknown
            )}
          </Fact>
          <Fact term={t("customers.active")}>{customer.active === false ? t("common.no") : t("common.yes")}</Fact>
        </dl>
      </section>
      <section aria-labelledby="customer-invoices" className="space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="customer-invoices" className="font-semibold">
            {t("customers.invoices")}
          </h2>
          <Link href={allHref} className={link}>
            {t("customers.invoices.all")}
          </Link>
        </div>
        <Suspense fallback={<SectionSkeleton />}>
          <CustomerInvoices connectionId={active.connectionId} customerNumber={customer.customerNumber} />
        </Suspense>
      </section>
    </div>
  );
}
