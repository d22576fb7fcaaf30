import { describe, expect, it } from "vitest";

import { fieldErrors } from "@/lib/forms/fields";

import { createInvoiceSchema, invoiceActionSchema } from "./schema";
import { computeTotals } from "./totals";
import { allowedInvoiceActions } from "./state";

const row = (over: Record<string, string> = {}) => ({ articleNumber: "A-1", quantity: "1", price: "", vat: "25", discount: "", ...over });

describe("invoice form schema", () => {
  it("accepts article rows and account rows", () => {
    const r = createInvoiceSchema.parse({ customerNumber: "1", rows: [row(), row({ articleNumber: "", accountNumber: "3001", description: "Frakt", price: "99,50", quantity: "1,5" })] });
    expect(r.rows[1]).toMatchObject({ articleNumber: null, accountNumber: 3001, price: 99.5, quantity: 1.5, vat: 25, discount: null });
    expect(r.vatIncluded).toBe(false);
  });

  it("a row without article or account gets a field error on its account, before Fortnox is asked", () => {
    const r = createInvoiceSchema.safeParse({ customerNumber: "1", rows: [row(), row({ articleNumber: "", description: "Fritext", price: "10" })] });
    expect(fieldErrors(r.error!)).toEqual({ "rows.1.accountNumber": ["write.err.rowNeedsAccount"] });
  });

  it("checks quantity, discount, description length and the number of rows", () => {
    const r = createInvoiceSchema.safeParse({ customerNumber: "", rows: [row({ quantity: "0", discount: "101", description: "x".repeat(256) })] });
    expect(fieldErrors(r.error!)).toEqual({
      customerNumber: ["write.err.required"],
      "rows.0.quantity": ["write.err.greaterThan?min=0"],
      "rows.0.discount": ["write.err.atMost?max=100"],
      "rows.0.description": ["write.err.tooLong?max=255"],
    });
    expect(fieldErrors(createInvoiceSchema.safeParse({ customerNumber: "1" }).error!)).toEqual({ rows: ["write.err.rowsMin"] });
    expect(fieldErrors(createInvoiceSchema.safeParse({ customerNumber: "1", rows: Array.from({ length: 201 }, () => row()) }).error!)).toEqual({ rows: ["write.err.rowsMax?max=200"] });
  });

  it("reports a row's own errors and its missing account together", () => {
    const r = createInvoiceSchema.safeParse({ customerNumber: "1", rows: [row({ articleNumber: "", quantity: "0", description: "Fritext", price: "10" })] });
    expect(Object.keys(fieldErrors(r.error!)).sort()).toEqual(["rows.0.accountNumber", "rows.0.quantity"]);
  });

  it("refuses a due date before the invoice date", () => {
    const r = createInvoiceSchema.safeParse({ customerNumber: "1", invoiceDate: "2026-03-10", dueDate: "2026-03-01", rows: [row()] });
    expect(fieldErrors(r.error!)).toEqual({ dueDate: ["write.err.dueBeforeInvoice"] });
  });

  it("reads an action's document number from a hidden input", () => {
    expect(invoiceActionSchema.parse({ documentNumber: "42" })).toEqual({ documentNumber: 42 });
    expect(invoiceActionSchema.safeParse({ documentNumber: "4x" }).success).toBe(false);
  });
});

describe("totals preview", () => {
  it("adds VAT to net prices, per rate, in öre", () => {
    const t = computeTotals([{ quantity: 2, price: 100, vat: 25, discount: 10 }, { quantity: 1, price: 50, vat: 12, discount: 0 }], false);
    expect(t).toEqual({ net: 230, vat: 51, total: 281, vatByRate: [{ rate: 25, amount: 45 }, { rate: 12, amount: 6 }] });
  });

  it("takes VAT out of VAT-inclusive prices", () => {
    expect(computeTotals([{ quantity: 1, price: 125, vat: 25, discount: 0 }], true)).toMatchObject({ net: 100, vat: 25, total: 125 });
  });
});

describe("allowed actions", () => {
  it("follows Fortnox's rules", () => {
    expect(allowedInvoiceActions({ booked: false, cancelled: false, credit: false })).toEqual({ bookkeep: true, cancel: true, credit: true });
    expect(allowedInvoiceActions({ booked: true, cancelled: false, credit: false })).toEqual({ bookkeep: false, cancel: false, credit: true });
    expect(allowedInvoiceActions({ booked: false, cancelled: true, credit: false })).toEqual({ bookkeep: false, cancel: false, credit: false });
    expect(allowedInvoiceActions({ booked: true, cancelled: false, credit: true }).credit).toBe(false);
    expect(allowedInvoiceActions({ booked: true, cancelled: false, credit: false, creditInvoiceReference: 9 }).credit).toBe(false);
  });
});
