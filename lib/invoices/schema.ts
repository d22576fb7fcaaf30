import { z } from "zod";

import { checkbox, decimal, optionalDate, optionalDecimal, optionalInt, optionalText, requiredText, vatRate } from "@/lib/forms/fields";
import { msg } from "@/lib/forms/message-ref";
import { parseDocumentNumber } from "@/lib/input/params";

/**
 * The new-invoice form. Row rules are Fortnox's (docs/fortnox.md#errors, §8): description ≤255, discount
 * 0–100 %, and a row needs an article or an account: without either Fortnox books it on the
 * predefined sales account for its VAT rate, and a company that has none gets 2001304 "Kunde inte
 * hitta konto" for the whole invoice. Asking up front names the row instead.
 */
export const INVOICE_LIMITS = { rows: 200, description: 255, reference: 50, remarks: 1024, articleNumber: 50, maxQuantity: 9_999_999, maxPrice: 99_999_999 } as const;

export const invoiceRowSchema = z
  .object({
    articleNumber: optionalText(INVOICE_LIMITS.articleNumber),
    accountNumber: optionalInt(1000, 9999),
    description: optionalText(INVOICE_LIMITS.description),
    quantity: decimal({ gt: 0, max: INVOICE_LIMITS.maxQuantity, decimals: 3 }),
    price: optionalDecimal({ min: 0, max: INVOICE_LIMITS.maxPrice, decimals: 2 }),
    vat: vatRate(25),
    discount: optionalDecimal({ min: 0, max: 100, decimals: 2 }),
  })
  .superRefine((row, ctx) => {
    if (!row.articleNumber && !row.accountNumber) ctx.addIssue({ code: "custom", path: ["accountNumber"], message: msg("write.err.rowNeedsAccount") });
    // A free-text row has no article to take its price and text from.
    if (!row.articleNumber && row.price === null) ctx.addIssue({ code: "custom", path: ["price"], message: msg("write.err.rowNeedsPrice") });
    if (!row.articleNumber && !row.description) ctx.addIssue({ code: "custom", path: ["description"], message: msg("write.err.rowNeedsDescription") });
  });

export const createInvoiceSchema = z.object({
  customerNumber: requiredText(50),
  invoiceDate: optionalDate,
  dueDate: optionalDate,
  yourReference: optionalText(INVOICE_LIMITS.reference),
  ourReference: optionalText(INVOICE_LIMITS.reference),
  remarks: optionalText(INVOICE_LIMITS.remarks, { multiline: true }),
  vatIncluded: checkbox,
  rows: z.preprocess(
    (v) => v ?? [],
    z.array(invoiceRowSchema).min(1, msg("write.err.rowsMin")).max(INVOICE_LIMITS.rows, msg("write.err.rowsMax", { max: INVOICE_LIMITS.rows })),
  ),
}).refine((inv) => !inv.invoiceDate || !inv.dueDate || inv.dueDate >= inv.invoiceDate, { path: ["dueDate"], message: msg("write.err.dueBeforeInvoice") });

/** An invoice action's target: the document number from a hidden input. */
export const invoiceActionSchema = z.object({
  // A bounded safe integer: a 20-digit number would overflow the bigint column (a 500, not an answer).
  documentNumber: z.preprocess((v) => parseDocumentNumber(v) ?? undefined, z.number(msg("write.err.documentNumber"))),
});

export type CreateInvoiceForm = z.output<typeof createInvoiceSchema>;
export type InvoiceRowForm = z.output<typeof invoiceRowSchema>;
