/**
 * Invoice history: every field of the spec's Invoice, amounts from computeInvoice, and a realistic
 * mix of states relative to `now` — paid, unpaid not yet due, overdue with reminders, cancelled,
 * booked, not yet sent — plus credit invoices linked both ways to their originals.
 */
import type { PredefinedAccounts, Wire } from "../core/types";
import { formatDay, yearOfDay } from "./dates";
import { buildHeader } from "./invoice-header";
import { currencyRate, zeroVatType } from "./foreign";
import { sampleInvoiceDays } from "./invoice-calendar";
import { computeInvoice, num } from "./invoice-math";
import { creditRows, generateRows } from "./invoice-rows";
import { ocrFor } from "./luhn";
import type { Rng } from "./prng";
import { settleCredit, statusFor, USUAL_PAYERS, type PaymentHabits } from "./invoice-status";

export interface InvoiceInput {
  rng: Rng;
  count: number;
  customers: readonly Wire[];
  articles: readonly Wire[];
  predefined: PredefinedAccounts | null;
  /** Epoch day of `now` in Swedish time. */
  today: number;
  companyName: string;
  companyEmail: string;
  /** How the customers pay (the `overdue` profile's are slow). */
  habits?: PaymentHabits;
}

export interface GeneratedInvoice {
  data: Wire;
  /** Epoch day of the invoice's last change (sent, paid, reminded, credited…). */
  lastModifiedDay: number;
}

const CREDIT_SHARE = 0.025;
/** Originals are credited within this many days, as corrections usually are. */
const CREDIT_WINDOW_DAYS = 90;

export function generateInvoices(input: InvoiceInput): GeneratedInvoice[] {
  const { rng, count, customers, articles } = input;
  if (count === 0) return [];
  if (customers.length === 0 || articles.length === 0) {
    throw new Error("Cannot generate invoices without at least one customer and one article");
  }
  const days = sampleInvoiceDays(rng, count, input.today);
  const purchasePrices = new Map<string, number>();
  for (const a of articles) purchasePrices.set(String(a.ArticleNumber), num(a.PurchasePrice));
  const purchasePriceOf = (n: string) => purchasePrices.get(n);
  const voucherCounters = new Map<number, number>();
  const nextRowId = { value: 1 };
  const out: GeneratedInvoice[] = new Array<GeneratedInvoice>(count);
  // Indices of sent, uncancelled, uncredited originals — candidates for a credit invoice.
  const creditable: number[] = [];

  const voucher = (day: number): Pick<Wire, "VoucherNumber" | "VoucherSeries" | "VoucherYear"> => {
    const year = yearOfDay(day);
    const n = (voucherCounters.get(year) ?? 0) + 1;
    voucherCounters.set(year, n);
    return { VoucherNumber: n, VoucherSeries: "B", VoucherYear: year };
  };
  const noVoucher = { VoucherNumber: 0, VoucherSeries: "", VoucherYear: 0 };

  for (let i = 0; i < count; i++) {
    const day = days[i] as number;
    const documentNumber = String(i + 1);
    const originalIndex = i > 5 && rng.chance(CREDIT_SHARE) ? pickCreditable(rng, creditable, out, days, day) : -1;
    if (originalIndex >= 0) {
      const original = out[originalIndex] as GeneratedInvoice;
      const credit = buildCredit(original.data, documentNumber, day, nextRowId, purchasePriceOf);
      const booked = original.data.Booked === true;
      credit.data = { ...credit.data, ...(booked ? voucher(day) : noVoucher), Booked: booked };
      settleCredit(original, credit, day, input.today);
      out[i] = credit;
      continue;
    }
    const customer = pickCustomer(rng, customers);
    // Invoices are in the customer's currency, at the day's rate (CurrencyUnit 1).
    const currency = typeof customer.Currency === "string" && customer.Currency !== "" ? customer.Currency : "SEK";
    const rate = currency === "SEK" ? 1 : currencyRate(currency, day);
    const vatIncluded = customer.Type === "PRIVATE";
    const zeroVat = zeroVatType(customer);
    const rows = generateRows({ rng, articles, predefined: input.predefined, vatIncluded, currencyRate: rate, nextRowId, zeroVat });
    const status = statusFor(rng, day, input.today, input.habits ?? USUAL_PAYERS);
    const header = buildHeader(input, customer, documentNumber, day, status, vatIncluded, currency, rate);
    const hasGoods = rows.some((r) => r.Unit !== "h" && r.Unit !== "mån");
    // Freight carries 25 % Swedish VAT, so customers invoiced without VAT get none.
    header.Freight = !zeroVat && hasGoods && customer.Type === "COMPANY" && rng.chance(0.15) ? (currency === "SEK" ? 149 : 15) : 0;
    header.AdministrationFee = !vatIncluded || !rng.chance(0.3) ? 0 : 29;
    const computed = computeInvoice(header, rows, { purchasePriceOf });
    if (status.paidDay !== undefined) computed.Balance = 0;
    Object.assign(computed, status.booked ? voucher(status.bookedDay) : noVoucher);
    out[i] = { data: computed, lastModifiedDay: status.lastModifiedDay };
    if (status.sent && !status.cancelled) creditable.push(i);
  }
  return out;
}

function pickCustomer(rng: Rng, customers: readonly Wire[]): Wire {
  // Regulars dominate; inactive customers are mostly skipped but old invoices to them remain.
  let c = customers[rng.skewedIndex(customers.length, 2)] as Wire;
  if (c.Active === false && rng.chance(0.8)) c = customers[rng.skewedIndex(customers.length, 2)] as Wire;
  return c;
}

/** A recent, uncredited original to credit, or −1. Looks at the last 200 candidates only (O(1)). */
function pickCreditable(
  rng: Rng,
  creditable: number[],
  out: readonly GeneratedInvoice[],
  days: Int32Array,
  day: number,
): number {
  for (let attempt = 0; attempt < 3 && creditable.length > 0; attempt++) {
    const pos = creditable.length - 1 - rng.int(0, Math.min(199, creditable.length - 1));
    const index = creditable[pos] as number;
    const data = (out[index] as GeneratedInvoice).data;
    if (data.CreditInvoiceReference !== "0") continue;
    if (day - (days[index] as number) > CREDIT_WINDOW_DAYS) continue;
    return index;
  }
  return -1;
}

function buildCredit(
  original: Wire,
  documentNumber: string,
  day: number,
  nextRowId: { value: number },
  purchasePriceOf: (n: string) => number | undefined,
): GeneratedInvoice {
  const date = formatDay(day);
  const header: Wire = {
    ...original,
    Credit: "true",
    CreditInvoiceReference: String(original.DocumentNumber),
    DocumentNumber: documentNumber,
    OCR: ocrFor(documentNumber),
    InvoiceDate: date,
    DeliveryDate: date,
    OutboundDate: date,
    DueDate: formatDay(day + 30),
    Freight: -num(original.Freight),
    AdministrationFee: -num(original.AdministrationFee),
    Sent: true,
    Cancelled: false,
    Reminders: 0,
    // Own copies of the nested objects, so a later PUT on one invoice cannot leak into the other.
    EDIInformation: { ...(original.EDIInformation as Wire) },
    EmailInformation: { ...(original.EmailInformation as Wire) },
    Labels: [],
  };
  delete header.FinalPayDate;
  delete header.LastRemindDate;
  const rows = creditRows(original.InvoiceRows as Wire[], nextRowId);
  return { data: computeInvoice(header, rows, { purchasePriceOf }), lastModifiedDay: day };
}
