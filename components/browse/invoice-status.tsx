import { paymentState, type PaymentFacts } from "@/lib/browse/invoice-state";
import { Badge } from "@/components/ui/table";

import type { Translate } from "./list-header";

const tone = { paid: "good", unpaid: "neutral", overdue: "bad", credited: "info", cancelled: "warn" } as const;

/** Payment state badge, plus a credit marker: a credit invoice's balance is owed to the customer. */
export function InvoiceStatus({ invoice, today, t }: { invoice: PaymentFacts & { credit: boolean }; today: string; t: Translate }) {
  const state = paymentState(invoice, today);
  return (
    <span className="inline-flex gap-1">
      <Badge tone={tone[state]}>{t(`invoices.status.${state}`)}</Badge>
      {invoice.credit ? <Badge tone="info">{t("invoices.credit")}</Badge> : null}
    </span>
  );
}
