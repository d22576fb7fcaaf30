import { FortnoxApiError } from "../core/errors";
import type { ApiContext, ApiRoute, Wire } from "../core/types";
import { str } from "../core/wire";
import { formatDay, parseDay } from "../seed/dates";
import { computeInvoice, formatQuantity, num } from "../seed/invoice-math";
import { ocrFor } from "../seed/luhn";

import { renumberRows } from "./invoice-rows";
import { findInvoice, INVOICES, purchasePriceOf, today } from "./invoices";
import { commit, single } from "./resource";

/**
 * PUT /3/invoices/{n}/bookkeep|cancel|credit|externalprint. Actions take no body, but published
 * clients and production integrations send `{}` (and some `null`), which Fortnox accepts; so an
 * empty body, `{}` and `null` all act, and only a body that carries data is 2001392
 * (docs/fortnox.md#sandbox-fidelity-choices). Each returns the invoice acted on and emits
 * `invoice-<action>-v1`; credit also creates the credit invoice (`invoice-created-v1`).
 */

type Run = (ctx: ApiContext, invoice: Wire) => Wire;

function isEmptyBody(body: unknown): boolean {
  if (body === undefined || body === null) return true;
  return typeof body === "object" && !Array.isArray(body) && Object.keys(body).length === 0;
}

function action(name: string, run: Run): ApiRoute {
  return {
    method: "PUT",
    pattern: `/3/invoices/:id/${name}`,
    scope: "invoice",
    handler: (ctx) => {
      if (!isEmptyBody(ctx.body)) throw new FortnoxApiError(400, 2001392, "Ingen eller felaktig typ av data.");
      const data = run(ctx, findInvoice(ctx).data);
      commit(ctx, INVOICES, data, name);
      return { status: 200, body: single(ctx, INVOICES, data) };
    },
  };
}

const refuse = (code: number, inv: Wire, why: string) => new FortnoxApiError(400, code, `Faktura ${str(inv.DocumentNumber)} ${why}.`);

/** Next voucher number in series B for the invoice's financial (calendar) year, numbered per company like the seed. */
function nextVoucher(ctx: ApiContext, year: number): number {
  let max = 0;
  for (const rec of ctx.db.invoices.values()) {
    const d = rec.data;
    if (d.VoucherSeries === "B" && d.VoucherYear === year) max = Math.max(max, num(d.VoucherNumber));
  }
  return max + 1;
}

const bookkeep: Run = (ctx, inv) => {
  if (inv.Cancelled === true) throw refuse(2000735, inv, "är makulerad och kan inte bokföras");
  if (inv.Booked === true) throw refuse(2000736, inv, "är redan bokförd");
  // The voucher is dated on the invoice date (accrual method), so it belongs to that year.
  const year = Number(str(inv.InvoiceDate).slice(0, 4));
  return { ...inv, Booked: true, VoucherSeries: "B", VoucherNumber: nextVoucher(ctx, year), VoucherYear: year };
};

const cancel: Run = (_ctx, inv) => {
  if (inv.Booked === true) throw refuse(2000737, inv, "är bokförd och kan inte makuleras; kreditera den i stället");
  if (inv.Cancelled === true) throw refuse(2000735, inv, "är redan makulerad");
  return { ...inv, Cancelled: true, Balance: 0 };
};

const externalprint: Run = (_ctx, inv) => {
  if (inv.Cancelled === true) throw refuse(2000735, inv, "är makulerad och kan inte skickas");
  return { ...inv, Sent: true };
};

/**
 * A credit invoice mirrors the original (negated quantities, freight and fee; new number, OCR and
 * RowIds; dated today), linked both ways through CreditInvoiceReference. As in the seed: the credit
 * first offsets what is still unpaid on the original, and any rest stays open on the credit
 * invoice (negative balance) until refunded.
 */
const credit: Run = (ctx, inv) => {
  const db = ctx.db;
  if (inv.Cancelled === true) throw refuse(2000735, inv, "är makulerad och kan inte krediteras");
  if (inv.Credit === "true") throw refuse(2000738, inv, "är en kreditfaktura och kan inte krediteras");
  if (str(inv.CreditInvoiceReference) !== "" && str(inv.CreditInvoiceReference) !== "0") throw refuse(2000738, inv, "är redan krediterad");
  while (db.invoices.has(String(db.nextDocumentNumber))) db.nextDocumentNumber++;
  const number = String(db.nextDocumentNumber++);
  const date = today(ctx.now);
  const terms = Number(/^(\d+)/.exec(str(inv.TermsOfPayment))?.[1] ?? 30);
  const header: Wire = {
    ...inv,
    Credit: "true",
    CreditInvoiceReference: String(inv.DocumentNumber),
    DocumentNumber: number,
    OCR: ocrFor(number),
    InvoiceDate: date,
    DeliveryDate: date,
    OutboundDate: date,
    DueDate: formatDay(parseDay(date) + terms),
    Freight: -num(inv.Freight),
    AdministrationFee: -num(inv.AdministrationFee),
    Booked: false,
    Sent: false,
    Cancelled: false,
    Reminders: 0,
    VoucherNumber: 0,
    VoucherSeries: "",
    VoucherYear: 0,
    // Own copies of nested objects, so a later PUT on one invoice cannot leak into the other.
    EDIInformation: { ...(inv.EDIInformation as Wire) },
    EmailInformation: { ...(inv.EmailInformation as Wire) },
    Labels: [],
  };
  delete header.FinalPayDate;
  delete header.LastRemindDate;
  const rows = ((inv.InvoiceRows as Wire[] | undefined) ?? []).map((r) => ({ ...r, DeliveredQuantity: formatQuantity(-num(r.DeliveredQuantity)) }));
  const creditTotal = -num(inv.Total);
  const offset = Math.max(0, Math.min(num(inv.Balance), -creditTotal));
  const creditInvoice = computeInvoice(header, renumberRows(db, rows), { paid: -offset, purchasePriceOf: purchasePriceOf(db) });
  if (num(creditInvoice.Balance) === 0) creditInvoice.FinalPayDate = date;
  commit(ctx, INVOICES, creditInvoice, "created");

  const balance = Math.round((num(inv.Balance) - offset) * 100) / 100;
  const original: Wire = { ...inv, CreditInvoiceReference: number, Balance: balance };
  if (offset > 0 && balance === 0) original.FinalPayDate = date;
  return original;
};

export const invoiceActionRoutes: ApiRoute[] = [action("bookkeep", bookkeep), action("cancel", cancel), action("credit", credit), action("externalprint", externalprint)];
