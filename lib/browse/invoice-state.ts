/**
 * An invoice's payment state, as people read it. Paid means nothing is left to pay; an unpaid invoice
 * past its due date (in Stockholm) is overdue. Cancelled wins over everything. Credit invoices are
 * flagged separately: their negative balance is money owed to the customer, not by them.
 */
export type PaymentState = "paid" | "unpaid" | "overdue" | "cancelled";

export interface PaymentFacts {
  cancelled: boolean;
  balance: number;
  dueDate: string | null;
}

export function paymentState(invoice: PaymentFacts, today: string): PaymentState {
  if (invoice.cancelled) return "cancelled";
  if (invoice.balance === 0) return "paid";
  return invoice.dueDate !== null && invoice.dueDate < today ? "overdue" : "unpaid";
}

/** Sort rank of each state (most urgent first); lib/db/queries/invoices.ts mirrors it in SQL. */
export const PAYMENT_STATE_RANK: Record<PaymentState, number> = { overdue: 1, unpaid: 2, paid: 3, cancelled: 4 };
