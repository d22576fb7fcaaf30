import "server-only";

import { z } from "zod";

import type { Invoice, InvoiceRow } from "../types";

import { bool, date, decoder, int, key, num, numericKey, text, type RawRecord } from "./common";
import { pageDecoder, singleDecoder, type FortnoxResource } from "./envelope";

/** Invoice_InvoiceRow: `DeliveredQuantity` is typed as a string by the SPEC; numbers drift everywhere. */
export const invoiceRowWire = z.looseObject({
  RowId: int,
  ArticleNumber: text,
  Description: text,
  AccountNumber: int,
  DeliveredQuantity: num,
  Unit: text,
  Price: num,
  Discount: num,
  DiscountType: text,
  VAT: num,
  Total: num,
});

/** Totals are never optional on an invoice; a missing one is a decoding error, not a zero. */
const amount = num.refine((v) => v !== null, "expected an amount");

/** InvoiceListItem. `CurrencyRate` was seen as a string on list items (docs/fortnox.md#api-conventions). */
export const invoiceListItemWire = z.looseObject({
  DocumentNumber: numericKey,
  CustomerNumber: key,
  CustomerName: z.string(),
  InvoiceDate: date,
  DueDate: date,
  FinalPayDate: date,
  Currency: text,
  CurrencyRate: num,
  Total: amount,
  Balance: amount,
  OCR: text,
  Booked: bool,
  Cancelled: bool,
  Sent: bool,
});

/** Invoice (detail), with its rows. */
export const invoiceWire = invoiceListItemWire.extend({
  TotalVAT: num,
  Net: num,
  // A string in the SPEC ("true"/"false"); the bool decoder accepts both.
  Credit: bool,
  CreditInvoiceReference: int,
  VATIncluded: bool,
  InvoiceRows: z.array(z.unknown()).nullish(),
});

type InvoiceFields = z.output<typeof invoiceListItemWire> &
  Partial<Pick<z.output<typeof invoiceWire>, "TotalVAT" | "Net" | "Credit" | "CreditInvoiceReference" | "VATIncluded" | "InvoiceRows">>;

const decodeRow = (input: unknown, position: number): InvoiceRow => {
  const r = invoiceRowWire.parse(input);
  return {
    position,
    rowId: r.RowId,
    articleNumber: r.ArticleNumber,
    description: r.Description,
    accountNumber: r.AccountNumber,
    quantity: r.DeliveredQuantity,
    unit: r.Unit,
    price: r.Price,
    discount: r.Discount,
    vat: r.VAT,
    total: r.Total,
    raw: input as RawRecord,
  };
};

const toInvoice = (i: InvoiceFields, raw: RawRecord): Invoice => ({
  documentNumber: i.DocumentNumber,
  customerNumber: i.CustomerNumber,
  customerName: i.CustomerName,
  invoiceDate: i.InvoiceDate,
  dueDate: i.DueDate,
  finalPayDate: i.FinalPayDate,
  // Fortnox's default currency; it always sends one, this only covers a blank.
  currency: i.Currency ?? "SEK",
  total: i.Total,
  totalVat: i.TotalVAT ?? null,
  net: i.Net ?? null,
  balance: i.Balance,
  ocr: i.OCR,
  booked: i.Booked ?? false,
  cancelled: i.Cancelled ?? false,
  sent: i.Sent ?? false,
  credit: i.Credit ?? false,
  // 0 means "no reference" in Fortnox payloads.
  creditInvoiceReference: i.CreditInvoiceReference ? i.CreditInvoiceReference : null,
  vatIncluded: i.VATIncluded ?? null,
  rows: i.InvoiceRows ? i.InvoiceRows.map(decodeRow) : null,
  raw,
});

export const decodeInvoiceListItem = decoder(invoiceListItemWire, toInvoice);
export const decodeInvoice = decoder(invoiceWire, (i, raw) => ({ ...toInvoice(i, raw), rows: (i.InvoiceRows ?? []).map(decodeRow) }));

export const invoicesResource: FortnoxResource<Invoice, Invoice> = {
  path: "/3/invoices",
  page: pageDecoder("Invoices", decodeInvoiceListItem, "DocumentNumber"),
  one: singleDecoder("Invoice", decodeInvoice),
};
