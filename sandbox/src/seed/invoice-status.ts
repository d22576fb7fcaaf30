/**
 * The life of a generated invoice relative to "today": sent or not, booked, paid (and when),
 * overdue with reminders, cancelled; and how a credit invoice settles against its original.
 */
import type { Wire } from "../core/types";
import { formatDay, parseDay } from "./dates";
import type { Rng } from "./prng";

export interface InvoiceStatus {
  sent: boolean;
  booked: boolean;
  bookedDay: number;
  cancelled: boolean;
  paidDay?: number;
  reminders: number;
  lastRemindDay?: number;
  lastModifiedDay: number;
}

const TERMS_DAYS = 30;

/** How a company's customers pay: the share that never pays, and early / on-time / late weights. */
export interface PaymentHabits {
  neverPays: number;
  early: number;
  onTime: number;
  late: number;
  /** Latest payment, in days after the invoice date, of a late payer. */
  lateMaxDays: number;
}

/** Some pay early, most near the due date, a quarter late, a few never. */
export const USUAL_PAYERS: PaymentHabits = { neverPays: 0.04, early: 15, onTime: 60, late: 25, lateMaxDays: 75 };
/** The `overdue` profile: a company whose customers pay late or not at all, so most unpaid invoices are past due. */
export const SLOW_PAYERS: PaymentHabits = { neverPays: 0.3, early: 5, onTime: 30, late: 65, lateMaxDays: 150 };

/** Days from invoice to payment. */
function paymentDelay(rng: Rng, habits: PaymentHabits): number {
  const kind = rng.weighted([["early", habits.early], ["onTime", habits.onTime], ["late", habits.late]] as const);
  if (kind === "early") return rng.int(3, 19);
  if (kind === "onTime") return rng.int(20, 32);
  return rng.int(33, habits.lateMaxDays);
}

export function statusFor(rng: Rng, day: number, today: number, habits: PaymentHabits = USUAL_PAYERS): InvoiceStatus {
  const age = today - day;
  if (age > 3 && rng.chance(0.02)) {
    // Cancelled invoices are never booked; most were caught before sending.
    return {
      sent: rng.chance(0.3),
      booked: false,
      bookedDay: day,
      cancelled: true,
      reminders: 0,
      lastModifiedDay: Math.min(today, day + rng.int(0, 3)),
    };
  }
  // The newest invoices include drafts that have not gone out yet.
  const sent = age > 5 || rng.chance(0.5);
  if (!sent) {
    return { sent, booked: false, bookedDay: day, cancelled: false, reminders: 0, lastModifiedDay: day };
  }
  const bookedDay = Math.min(today, day + rng.int(0, 2));
  let booked = age > 7 ? rng.chance(0.97) : rng.chance(0.5);
  const neverPays = rng.chance(habits.neverPays);
  const payDay = day + paymentDelay(rng, habits);
  const paid = !neverPays && payDay <= today;
  // A payment can only be registered on a booked invoice.
  if (paid) booked = true;
  const status: InvoiceStatus = {
    sent,
    booked,
    bookedDay,
    cancelled: false,
    reminders: 0,
    lastModifiedDay: booked ? bookedDay : day,
  };
  if (paid) {
    status.paidDay = payDay;
    status.lastModifiedDay = payDay;
    return status;
  }
  const due = day + TERMS_DAYS;
  const daysOverdue = today - due;
  if (daysOverdue > 10) {
    status.reminders = daysOverdue > 40 ? 2 : 1;
    status.lastRemindDay = due + (status.reminders === 2 ? 40 : 10);
    status.lastModifiedDay = status.lastRemindDay;
  }
  return status;
}

interface Settleable {
  data: Wire;
  lastModifiedDay: number;
}

/**
 * Links a credit invoice and its original both ways and settles them the way Fortnox does:
 * crediting an unpaid invoice offsets the two (both fully paid on the credit date); crediting a
 * paid one leaves the credit open (negative balance) until refunded, here after two weeks.
 */
export function settleCredit(original: Settleable, credit: Settleable, creditDay: number, today: number): void {
  const o = original.data;
  const c = credit.data;
  o.CreditInvoiceReference = c.DocumentNumber;
  const originalPaidDay = typeof o.FinalPayDate === "string" ? parseDay(o.FinalPayDate) : undefined;
  if (originalPaidDay !== undefined && originalPaidDay <= creditDay) {
    if (today - creditDay > 14) {
      c.Balance = 0;
      c.FinalPayDate = formatDay(creditDay + 10);
      credit.lastModifiedDay = creditDay + 10;
    }
  } else {
    o.Balance = 0;
    o.FinalPayDate = formatDay(creditDay);
    if (typeof o.LastRemindDate === "string" && parseDay(o.LastRemindDate) > creditDay) {
      delete o.LastRemindDate;
      o.Reminders = 0;
    }
    c.Balance = 0;
    c.FinalPayDate = formatDay(creditDay);
    credit.lastModifiedDay = creditDay;
  }
  original.lastModifiedDay = Math.max(original.lastModifiedDay, creditDay);
}
