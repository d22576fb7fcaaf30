import { describe, expect, it } from "vitest";

import { paymentState } from "./invoice-state";

describe("paymentState", () => {
  const today = "2026-03-15";
  it("cancelled wins, zero balance is paid, past due is overdue", () => {
    expect(paymentState({ cancelled: true, balance: 100, dueDate: "2026-01-01" }, today)).toBe("cancelled");
    expect(paymentState({ cancelled: false, balance: 0, dueDate: "2026-01-01" }, today)).toBe("paid");
    expect(paymentState({ cancelled: false, balance: 100, dueDate: "2026-03-14" }, today)).toBe("overdue");
    expect(paymentState({ cancelled: false, balance: 100, dueDate: "2026-03-15" }, today)).toBe("unpaid");
    expect(paymentState({ cancelled: false, balance: -50, dueDate: null }, today)).toBe("unpaid");
  });
});

describe("credit pairs", () => {
  const today = "2026-03-15";
  it("the original is credited (not paid); the credit invoice keeps its payment state", () => {
    expect(paymentState({ cancelled: false, balance: 0, dueDate: "2026-01-01", credit: false, creditInvoiceReference: 2502 }, today)).toBe("credited");
    expect(paymentState({ cancelled: false, balance: 0, dueDate: "2026-04-01", credit: true, creditInvoiceReference: 2501 }, today)).toBe("paid");
    expect(paymentState({ cancelled: false, balance: -500, dueDate: "2026-04-01", credit: true, creditInvoiceReference: 2501 }, today)).toBe("unpaid");
    expect(paymentState({ cancelled: true, balance: 0, dueDate: null, credit: false, creditInvoiceReference: 2502 }, today)).toBe("cancelled");
    expect(paymentState({ cancelled: false, balance: 0, dueDate: null, credit: false, creditInvoiceReference: null }, today)).toBe("paid");
  });
});
