import { FortnoxApiError } from "../core/errors";
import type { ApiContext, ApiRoute, Wire } from "../core/types";
import { formatDay, stockholmEpochDay, yearOfDay } from "../seed/dates";
import { computeInvoice, num } from "../seed/invoice-math";
import { ocrFor } from "../seed/luhn";

import { findInvoice, singleInvoice } from "./invoices";

/** PUT /3/invoices/{n}/bookkeep|cancel|credit|externalprint: actions take no body (integrator-pain, "also worth a test"). */

function action(name: string, run: (ctx: ApiContext, invoice: Wire) => Wire, eventType: string): ApiRoute {
  return {
    method: "PUT",
    pattern: `/3/invoices/:id/${name}`,
    scope: "invoice",
    handler: (ctx) => {
      if (ctx.body !== undefined) throw new FortnoxApiError(400, 2001392, "Ingen eller felaktig typ av data.");
      const rec = findInvoice(ctx);
      rec.data = run(ctx, rec.data);
      rec.lastModified = ctx.now;
      ctx.emit({ topic: "invoices", type: eventType, entityId: String(rec.data.DocumentNumber) });
      return { status: 200, body: singleInvoice(ctx, rec.data) };
    },
  };
}

/** Next voucher number in series B for this company (vouchers are numbered per company and series). */
function nextVoucher(ctx: ApiContext): number {
  let max = 0;
  for (const rec of ctx.db.invoices.values()) if (rec.data.VoucherSeries === "B") max = Math.max(max, num(rec.data.VoucherNumber));
  return max + 1;
}

export const invoiceActionRoutes: ApiRoute[] = [
  action(
    "bookkeep",
    (ctx, inv) => {
      if (inv.Cancelled === true) throw new FortnoxApiError(400, 2000735, "Fakturan är makulerad och kan inte bokföras.");
      if (inv.Booked === true) throw new FortnoxApiError(400, 2000736, "Fakturan är redan bokförd.");
      return { ...inv, Booked: true, VoucherSeries: "B", VoucherNumber: nextVoucher(ctx), VoucherYear: yearOfDay(stockholmEpochDay(ctx.now)) };
    },
    "invoice-bookkeep-v1",
  ),
  action(
    "cancel",
    (_ctx, inv) => {
      if (inv.Booked === true) throw new FortnoxApiError(400, 2000737, "En bokförd faktura kan inte makuleras; kreditera den i stället.");
      if (inv.Cancelled === true) throw new FortnoxApiError(400, 2000735, "Fakturan är redan makulerad.");
      return { ...inv, Cancelled: true, Balance: 0 };
    },
    "invoice-cancel-v1",
  ),
  action(
    "credit",
    (ctx, inv) => {
      if (inv.Cancelled === true) throw new FortnoxApiError(400, 2000735, "En makulerad faktura kan inte krediteras.");
      if (inv.Credit === "true" || num(inv.CreditInvoiceReference) > 0) throw new FortnoxApiError(400, 2000738, "Fakturan är redan krediterad.");
      const number = String(ctx.db.nextDocumentNumber++);
      const rows = (inv.InvoiceRows as Wire[]).map((r) => ({ ...r, DeliveredQuantity: String(-num(r.DeliveredQuantity)) }));
      const credit = computeInvoice(
        { ...inv, DocumentNumber: number, InvoiceDate: formatDay(stockholmEpochDay(ctx.now)), Credit: "true", CreditInvoiceReference: String(inv.DocumentNumber), Booked: false, Sent: false, VoucherNumber: 0, VoucherSeries: "", VoucherYear: 0, OCR: ocrFor(number) },
        rows,
      );
      ctx.db.invoices.set(number, { data: credit, lastModified: ctx.now });
      ctx.emit({ topic: "invoices", type: "invoice-created-v1", entityId: number });
      return { ...inv, CreditInvoiceReference: number };
    },
    "invoice-credit-v1",
  ),
  action("externalprint", (_ctx, inv) => ({ ...inv, Sent: true }), "invoice-externalprint-v1"),
];
