import type { Metadata } from "next";

import { requireViewerPage } from "@/lib/auth/guards";
import { getWriteMessages } from "@/lib/i18n/write-messages";
import { CustomerForm } from "@/components/customers/customer-form";
import { card } from "@/components/ui/styles";

export async function generateMetadata(): Promise<Metadata> {
  const { messages } = await getWriteMessages();
  return { title: messages["write.customer.new.title"] };
}

export default async function NewCustomerPage() {
  const { active } = await requireViewerPage();
  const { messages } = await getWriteMessages();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">{messages["write.customer.new.title"]}</h1>
      <div className={card}>
        <CustomerForm connectionId={active.connectionId} mode="create" messages={messages} cancelHref="/customers" />
      </div>
    </div>
  );
}
