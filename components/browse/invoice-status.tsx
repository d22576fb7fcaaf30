import { paymentState, type PaymentFacts } from "@/lib/browse/invoice-state";
import { Badges, type BadgeSpec } from "@/components/ui/table";

import type { Translate } from "./list-header";

const tone = { paid: "good", unpaid: "neutral", overdue: "bad", credited: "info", cancelled: "warn" } as const;

/** Payment state badge, plus a credit marker: a credit invoice's balance is owed to the customer. */
export function invoiceBadges(invoice: PaymentFacts & { credit: boolean }, today: string, t: Translate): BadgeSpec[] {
  const state = paymentState(invoice, today);
  const badges: BadgeSpec[] = [{ tone: tone[state], text: t(`invoices.status.${state}`) }];
  if (invoice.credit) badges.push({ tone: "info", text: t("invoices.credit") });
  return badges;
}

export function InvoiceStatus({ invoice, today, t }: { invoice: PaymentFacts & { credit: boolean }; today: string; t: Translate }) {
  return <Badges items={invoiceBadges(invoice, today, t)} />;
}
