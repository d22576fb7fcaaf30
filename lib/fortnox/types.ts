import type { RawRecord } from "./wire/common";

/*
 * Brygga's camelCase view of Fortnox records, shaped like the columns of lib/db/schema/records.ts.
 * Fortnox's PascalCase stays inside lib/fortnox/wire. List items are subsets of the full records
 * (docs/fortnox.md#api-conventions), so a field the payload did not carry is null, never guessed. `raw` is the
 * Fortnox JSON exactly as received.
 */

export interface Customer {
  customerNumber: string;
  name: string;
  organisationNumber: string | null;
  /** PRIVATE or COMPANY; null on list items. */
  type: string | null;
  email: string | null;
  phone: string | null;
  city: string | null;
  zipCode: string | null;
  /** Null on list items, which do not carry it. */
  active: boolean | null;
  raw: RawRecord;
}

export interface Article {
  articleNumber: string;
  description: string;
  /** STOCK or SERVICE; null on list items. */
  type: string | null;
  unit: string | null;
  salesPrice: number | null;
  purchasePrice: number | null;
  vat: number | null;
  quantityInStock: number | null;
  /** Null on list items, which do not carry it. */
  active: boolean | null;
  raw: RawRecord;
}

export interface InvoiceRow {
  /** Index in the invoice's row array; Fortnox regenerates RowIds on every update (docs/fortnox.md#api-conventions). */
  position: number;
  rowId: number | null;
  articleNumber: string | null;
  description: string | null;
  accountNumber: number | null;
  /** Fortnox's DeliveredQuantity: invoice rows have no Quantity field. */
  quantity: number | null;
  unit: string | null;
  price: number | null;
  discount: number | null;
  vat: number | null;
  total: number | null;
  raw: RawRecord;
}

export interface Invoice {
  documentNumber: number;
  customerNumber: string;
  customerName: string;
  invoiceDate: string | null;
  dueDate: string | null;
  finalPayDate: string | null;
  currency: string;
  total: number;
  /** Detail only. */
  totalVat: number | null;
  /** Detail only. */
  net: number | null;
  balance: number;
  ocr: string | null;
  booked: boolean;
  cancelled: boolean;
  sent: boolean;
  credit: boolean;
  creditInvoiceReference: number | null;
  /** Detail only; decides whether row prices include VAT (docs/fortnox.md#api-conventions). */
  vatIncluded: boolean | null;
  /** The rows of a detail fetch; null for a list item, which carries none. */
  rows: InvoiceRow[] | null;
  raw: RawRecord;
}
