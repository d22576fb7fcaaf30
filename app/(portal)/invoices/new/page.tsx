import type { Metadata } from "next";

import { requireViewerPage } from "@/lib/auth/guards";
import { getDb } from "@/lib/db/client";
import { getCustomerForWrite } from "@/lib/db/queries/write-lookups";
import { getWriteMessages } from "@/lib/i18n/write-messages";
import { parseRecordKey } from "@/lib/input/params";
import { InvoiceForm } from "@/components/invoices/invoice-form";
import { card } from "@/components/ui/styles";

export async function generateMetadata(): Promise<Metadata> {
  const { messages } = await getWriteMessages();
  return { title: messages["write.invoice.new.title"] };
}

/** `?customer=N` preselects the customer (from a customer's page). */
export default async function NewInvoicePage({ searchParams }: { searchParams: Promise<{ customer?: string | string[] }> }) {
  const { active } = await requireViewerPage();
  const { messages, locale } = await getWriteMessages();
  const { customer } = await searchParams;
  // Only a customer of this company prefills; anything else leaves the picker empty.
  const key = parseRecordKey(typeof customer === "string" ? customer : undefined);
  const known = key ? await getCustomerForWrite(await getDb(), active.connectionId, key) : null;
  const cancelHref = known ? `/customers/${encodeURIComponent(known.customerNumber)}` : "/invoices";
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">{messages["write.invoice.new.title"]}</h1>
      <div className={card}>
        <InvoiceForm connectionId={active.connectionId} messages={messages} locale={locale} cancelHref={cancelHref} customer={known ? { customerNumber: known.customerNumber, name: known.name } : undefined} />
      </div>
    </div>
  );
}
