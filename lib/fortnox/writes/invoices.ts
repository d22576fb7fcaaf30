import "server-only";

import type { FortnoxApi } from "../client";
import type { Invoice } from "../types";
import { invoicesResource } from "../wire";

import { toWire, type FieldMap } from "./body";

/** One invoice row. Fortnox books it on `accountNumber`, else the article's account, else the predefined sales account for its VAT rate. */
export interface InvoiceRowInput {
  articleNumber?: string | null;
  accountNumber?: number | null;
  description?: string | null;
  /** Fortnox's DeliveredQuantity (rows have no Quantity field). */
  quantity: number;
  /** Per unit; excluding VAT unless the invoice is `vatIncluded`. Blank takes the article's price. */
  price?: number | null;
  vat?: number | null;
  /** Percent, 0–100. */
  discount?: number | null;
  unit?: string | null;
}

export interface InvoiceInput {
  customerNumber: string;
  invoiceDate?: string | null;
  dueDate?: string | null;
  yourReference?: string | null;
  ourReference?: string | null;
  remarks?: string | null;
  vatIncluded?: boolean | null;
  rows: InvoiceRowInput[];
}

/** The one place invoice field names cross into Fortnox's casing (SPEC fortnox_Invoice). */
export const INVOICE_FIELDS: FieldMap<Omit<InvoiceInput, "rows">> = {
  customerNumber: "CustomerNumber",
  invoiceDate: "InvoiceDate",
  dueDate: "DueDate",
  yourReference: "YourReference",
  ourReference: "OurReference",
  remarks: "Remarks",
  vatIncluded: "VATIncluded",
};

/** SPEC fortnox_InvoiceRow names. */
export const INVOICE_ROW_FIELDS: FieldMap<InvoiceRowInput> = {
  articleNumber: "ArticleNumber",
  accountNumber: "AccountNumber",
  description: "Description",
  quantity: "DeliveredQuantity",
  price: "Price",
  vat: "VAT",
  discount: "Discount",
  unit: "Unit",
};

/** One row's wire form. The SPEC types DeliveredQuantity as a string; a percent discount says so. */
export function invoiceRowBody(row: InvoiceRowInput): Record<string, unknown> {
  const out = toWire(row, INVOICE_ROW_FIELDS, "create");
  out.DeliveredQuantity = String(row.quantity);
  if (typeof row.discount === "number" && row.discount !== 0) out.DiscountType = "PERCENT";
  else delete out.Discount;
  return out;
}

/** `{"Invoice": {...}}` for POST /3/invoices. */
export function invoiceBody(input: InvoiceInput): { Invoice: Record<string, unknown> } {
  const { rows, ...header } = input;
  return { Invoice: { ...toWire(header, INVOICE_FIELDS, "create"), InvoiceRows: rows.map(invoiceRowBody) } };
}

/** POST /3/invoices. Omitted header values come from the customer and the company's predefined values. */
export async function createInvoice(api: FortnoxApi, input: InvoiceInput): Promise<Invoice> {
  return api.post(invoicesResource.path, invoiceBody(input), invoicesResource.one);
}

export type InvoiceAction = "bookkeep" | "cancel" | "credit";

/**
 * PUT /3/invoices/{n}/bookkeep|cancel|credit. Action endpoints take no body at all (an empty `{}`
 * is refused with 2001392), hence `undefined`. Each answers with the invoice acted on; for credit
 * that is the original, whose CreditInvoiceReference names the new credit invoice.
 */
export async function invoiceAction(api: FortnoxApi, documentNumber: number, action: InvoiceAction): Promise<Invoice> {
  return api.put(`${invoicesResource.path}/${documentNumber}/${action}`, undefined, invoicesResource.one);
}

/** GET /3/invoices/{n}: the full invoice with rows. */
export async function getInvoice(api: FortnoxApi, documentNumber: number): Promise<Invoice> {
  return api.get(`${invoicesResource.path}/${documentNumber}`, invoicesResource.one);
}
