import "server-only";

import { getInvoiceForWrite } from "@/lib/db/queries/write-lookups";
import { AppError } from "@/lib/errors";
import { fortnoxWriteError } from "@/lib/fortnox/field-errors";
import type { Invoice } from "@/lib/fortnox/types";
import type { WriteContext } from "@/lib/fortnox/writes/context";
import { createInvoice, getInvoice, invoiceAction, type InvoiceAction, type InvoiceInput } from "@/lib/fortnox/writes/invoices";
import { msg } from "@/lib/forms/message-ref";
import { logger } from "@/lib/log";
import { saveFetchedRecord } from "@/lib/sync/records";
import { invoicesSync } from "@/lib/sync/resources";

/** Invoice write-back: create, bookkeep, cancel, credit; each stores what Fortnox answered. */

/** Create an invoice in Fortnox and store it with its rows. */
export async function createInvoiceRecord(w: WriteContext, input: InvoiceInput): Promise<Invoice> {
  let invoice: Invoice;
  try {
    invoice = await createInvoice(w.api, input);
  } catch (e) {
    throw fortnoxWriteError(e, { form: "invoice", rows: input.rows });
  }
  await saveFetchedRecord(w.db, w.connectionId, invoicesSync, invoice);
  return invoice;
}

export interface InvoiceActionResult {
  invoice: Invoice;
  /** The credit invoice a credit created. */
  creditInvoice: Invoice | null;
}

/**
 * Bookkeep, cancel or credit invoice `documentNumber` of this connection. Another company's number
 * is not_found. Crediting creates a second invoice, which is fetched and stored as well.
 */
export async function runInvoiceAction(w: WriteContext, documentNumber: number, action: InvoiceAction): Promise<InvoiceActionResult> {
  if (!(await getInvoiceForWrite(w.db, w.connectionId, documentNumber))) throw new AppError("not_found", msg("write.error.invoiceNotFound", { number: documentNumber }));
  let invoice: Invoice;
  try {
    invoice = await invoiceAction(w.api, documentNumber, action);
  } catch (e) {
    throw fortnoxWriteError(e, { form: "invoice" });
  }
  await saveFetchedRecord(w.db, w.connectionId, invoicesSync, invoice);
  let creditInvoice: Invoice | null = null;
  if (action === "credit" && invoice.creditInvoiceReference) {
    // The credit already happened in Fortnox; failing to fetch the new invoice must not report it
    // as failed (a retry would be refused as "already credited"). The next sync brings it.
    try {
      creditInvoice = await getInvoice(w.api, invoice.creditInvoiceReference);
      await saveFetchedRecord(w.db, w.connectionId, invoicesSync, creditInvoice);
    } catch (e) {
      logger.warn("credit invoice created but not fetched", { connectionId: w.connectionId, documentNumber, creditInvoice: invoice.creditInvoiceReference, error: e });
    }
  }
  return { invoice, creditInvoice };
}
