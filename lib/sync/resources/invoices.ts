import "server-only";

import { desc, inArray, sql } from "drizzle-orm";

import { invoiceCustomerNames, invoiceRows, invoices } from "@/lib/db/schema";
import { invoicesResource } from "@/lib/fortnox/wire";
import type { Invoice } from "@/lib/fortnox/types";

import { excludedSet } from "../store";

import { detailFlags } from "./detail-flags";
import type { SyncResource } from "./types";

/*
 * Invoice list items carry no rows, VAT or net (docs/fortnox.md#api-conventions), so every new or changed invoice
 * is fetched once in full (docs/fortnox.md#api-conventions). `raw` keeps the list item, the comparison basis for
 * the next listing; `detail` keeps the full invoice. The listing's upsert sets `needs_detail` (its
 * column default) on every insert or change, and the detail phase clears it, so a crash between the
 * two loses nothing: the next run finds the flag still set.
 */

// The fields of Fortnox's InvoiceListItem (OpenAPI `fortnox_InvoiceListItem`).
const LIST_ITEM_FIELDS = [
  "@url", "Balance", "Booked", "Cancelled", "CostCenter", "Currency", "CurrencyRate", "CurrencyUnit", "CustomerName", "CustomerNumber", "DocumentNumber", "DueDate",
  "ExternalInvoiceReference1", "ExternalInvoiceReference2", "FinalPayDate", "InvoiceDate", "InvoiceType", "NoxFinans", "OCR", "Project", "Sent", "TermsOfPayment",
  "Total", "VoucherNumber", "VoucherSeries", "VoucherYear", "WayOfDelivery",
];

/** The list-item view of a full invoice, so a record stored from a detail compares equal to its next listing. */
function listView(raw: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(LIST_ITEM_FIELDS.filter((k) => k in raw).map((k) => [k, raw[k]]));
}

const headerColumns = (connectionId: string, i: Invoice) => ({
  connectionId,
  documentNumber: i.documentNumber,
  customerNumber: i.customerNumber,
  customerName: i.customerName,
  invoiceDate: i.invoiceDate,
  dueDate: i.dueDate,
  finalPayDate: i.finalPayDate,
  currency: i.currency,
  total: i.total,
  totalVat: i.totalVat,
  net: i.net,
  balance: i.balance,
  ocr: i.ocr,
  booked: i.booked,
  cancelled: i.cancelled,
  sent: i.sent,
  credit: i.credit,
  creditInvoiceReference: i.creditInvoiceReference,
  vatIncluded: i.vatIncluded,
});

export const invoicesSync: SyncResource<Invoice, typeof invoices> = {
  name: "invoices",
  fortnox: invoicesResource,
  record: { table: invoices, connectionId: invoices.connectionId, number: invoices.documentNumber, raw: invoices.raw, deletedAt: invoices.deletedAt, syncedAt: invoices.syncedAt, seenAt: invoices.seenAt },
  numberOf: (i) => String(i.documentNumber),
  toRow: (connectionId, i) => ({ ...headerColumns(connectionId, i), raw: i.rows === null ? i.raw : listView(i.raw) }),
  // Detail-only fields: a listing must not blank what the last detail fetch stored.
  listOmits: ["totalVat", "net", "credit", "creditInvoiceReference", "vatIncluded", "detail", "detailSyncedAt"],
  derivedTables: [invoiceCustomerNames],
  detail: {
    tables: [invoiceRows],
    async store(db, connectionId, records, fence) {
      if (records.length === 0) return;
      await db.transaction(async (tx) => {
        await fence?.(tx);
        const now = new Date();
        const stored = await tx
          .insert(invoices)
          .values(records.map((i) => ({ ...headerColumns(connectionId, i), raw: listView(i.raw), detail: i.raw, detailSyncedAt: now, needsDetail: false, syncedAt: now })))
          .onConflictDoUpdate({
            target: [invoices.connectionId, invoices.documentNumber],
            set: {
              ...excludedSet(invoices, Object.keys(headerColumns(connectionId, records[0]!))),
              raw: sql`excluded.raw`,
              detail: sql`excluded.detail`,
              detailSyncedAt: now,
              needsDetail: false,
              syncedAt: now,
              deletedAt: null,
            },
          })
          .returning({ id: invoices.id, documentNumber: invoices.documentNumber });
        const idByNumber = new Map(stored.map((s) => [s.documentNumber, s.id]));
        await tx.delete(invoiceRows).where(inArray(invoiceRows.invoiceId, [...idByNumber.values()]));
        const rows = records.flatMap((i) =>
          (i.rows ?? []).map((r) => ({
            invoiceId: idByNumber.get(i.documentNumber)!,
            connectionId,
            position: r.position,
            rowId: r.rowId,
            articleNumber: r.articleNumber,
            description: r.description,
            accountNumber: r.accountNumber,
            quantity: r.quantity,
            unit: r.unit,
            price: r.price,
            discount: r.discount,
            vat: r.vat,
            total: r.total,
            raw: r.raw,
          })),
        );
        for (let i = 0; i < rows.length; i += 1000) await tx.insert(invoiceRows).values(rows.slice(i, i + 1000));
      });
    },
    ...detailFlags({
      table: invoices,
      connectionId: invoices.connectionId,
      number: invoices.documentNumber,
      needsDetail: invoices.needsDetail,
      deletedAt: invoices.deletedAt,
      order: [sql`${invoices.invoiceDate} desc nulls last`, desc(invoices.documentNumber)],
      numberValue: Number,
    }),
  },
};
