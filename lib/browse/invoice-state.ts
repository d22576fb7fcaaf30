/**
 * An invoice's payment state, as people read it. Paid means nothing is left to pay; an unpaid invoice
 * past its due date (in Stockholm) is overdue. Cancelled wins over everything. An original invoice a
 * credit invoice has offset is "credited", not "paid": nobody paid it. (Fortnox links the two both
 * ways through CreditInvoiceReference; the credit invoice is the one with Credit set.) Credit
 * invoices are flagged separately: their negative balance is money owed to the customer.
 */
export type PaymentState = "paid" | "unpaid" | "overdue" | "credited" | "cancelled";

export interface PaymentFacts {
  cancelled: boolean;
  balance: number;
  dueDate: string | null;
  credit?: boolean;
  creditInvoiceReference?: number | null;
}

/** The original invoice of a credit pair (credited by another invoice). */
export const isCreditedOriginal = (i: Pick<PaymentFacts, "credit" | "creditInvoiceReference">) => !i.credit && i.creditInvoiceReference != null && i.creditInvoiceReference > 0;

export function paymentState(invoice: PaymentFacts, today: string): PaymentState {
  if (invoice.cancelled) return "cancelled";
  if (isCreditedOriginal(invoice)) return "credited";
  if (invoice.balance === 0) return "paid";
  return invoice.dueDate !== null && invoice.dueDate < today ? "overdue" : "unpaid";
}

/** Sort rank of each state (most urgent first); lib/db/queries/invoices.ts mirrors it in SQL. */
export const PAYMENT_STATE_RANK: Record<PaymentState, number> = { overdue: 1, unpaid: 2, paid: 3, credited: 4, cancelled: 5 };
