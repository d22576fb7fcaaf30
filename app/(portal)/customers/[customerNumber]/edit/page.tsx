import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { requireViewerPage } from "@/lib/auth/guards";
import { getDb } from "@/lib/db/client";
import { getCustomerForWrite } from "@/lib/db/queries/write-lookups";
import { formatOrganisationNumber } from "@/lib/format";
import { parseRecordKey } from "@/lib/input/params";
import { getWriteMessages } from "@/lib/i18n/write-messages";
import { CustomerForm } from "@/components/customers/customer-form";
import { card } from "@/components/ui/styles";

export async function generateMetadata({ params }: { params: Promise<{ customerNumber: string }> }): Promise<Metadata> {
  const { messages } = await getWriteMessages();
  // The title names the record only when its number is one (a hostile one is the page's 404).
  const number = parseRecordKey((await params).customerNumber) ?? "";
  return { title: messages["write.customer.edit.title"].replace("{number}", number).trim() };
}

const text = (raw: unknown, key: string): string => {
  const v = raw && typeof raw === "object" ? (raw as Record<string, unknown>)[key] : undefined;
  return typeof v === "string" || typeof v === "number" ? String(v) : "";
};

export default async function EditCustomerPage({ params }: { params: Promise<{ customerNumber: string }> }) {
  const { active } = await requireViewerPage();
  // A malformed number (a NUL, 10 kB of text) is a number that does not exist.
  const customerNumber = parseRecordKey((await params).customerNumber);
  const customer = customerNumber === null ? null : await getCustomerForWrite(await getDb(), active.connectionId, customerNumber);
  if (!customer) notFound();
  const { messages } = await getWriteMessages();
  const detailHref = `/customers/${encodeURIComponent(customer.customerNumber)}`;
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">{messages["write.customer.edit.title"].replace("{number}", customer.customerNumber)}</h1>
      <div className={card}>
        <CustomerForm
          connectionId={active.connectionId}
          mode="edit"
          messages={messages}
          cancelHref={detailHref}
          initial={{
            customerNumber: customer.customerNumber,
            name: customer.name,
            organisationNumber: customer.organisationNumber ? formatOrganisationNumber(customer.organisationNumber) : "",
            type: customer.type ?? "",
            email: customer.email ?? "",
            phone: customer.phone ?? "",
            // Columns hold what lists need; the rest of the card is in Fortnox's JSON.
            address1: text(customer.raw, "Address1"),
            address2: text(customer.raw, "Address2"),
            zipCode: customer.zipCode ?? "",
            city: customer.city ?? "",
            yourReference: text(customer.raw, "YourReference"),
            active: customer.active ?? true,
          }}
        />
      </div>
    </div>
  );
}
