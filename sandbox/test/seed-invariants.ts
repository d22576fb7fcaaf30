/** Invariants every generated invoice history must keep, whatever its seed profile. */
import { expect } from "vitest";

import type { TestDatabase, Wire } from "../src/core/types";

export const ore = (n: unknown) => Math.round((n as number) * 100);
/** Half away from zero, as Fortnox rounds (Math.round rounds −0.5 up). */
const roundHalfAway = (n: number) => (n < 0 ? -Math.round(-n) : Math.round(n));
export const rowsOf = (inv: Wire) => inv.InvoiceRows as Wire[];
export const dataOf = (m: Map<string, { data: Wire }>) => [...m.values()].map((r) => r.data);

/** Rows add up to Net / TotalVAT / Gross / Total in whole öre; SEK totals are whole kronor. */
export function expectRowsAddUp(invoices: readonly Wire[]): void {
  for (const inv of invoices) {
    const vatIncluded = inv.VATIncluded === true;
    let excl = 0;
    let vat = 0;
    for (const r of rowsOf(inv)) {
      const q = Number(r.DeliveredQuantity);
      const expected = q * (r.Price as number) * (1 - (r.Discount as number) / 100);
      expect(Math.abs(expected - (r.Total as number))).toBeLessThanOrEqual(0.0051);
      excl += ore(r.TotalExcludingVAT);
      vat += vatIncluded ? ore(r.Total) - ore(r.TotalExcludingVAT) : roundHalfAway((ore(r.TotalExcludingVAT) * (r.VAT as number)) / 100);
    }
    expect(ore(inv.Net)).toBe(excl + ore(inv.Freight) + ore(inv.AdministrationFee));
    expect(ore(inv.TotalVAT)).toBe(vat + ore(inv.FreightVAT) + ore(inv.AdministrationFeeVAT));
    expect(ore(inv.Gross)).toBe(ore(inv.Net) + ore(inv.TotalVAT));
    expect(ore(inv.Total)).toBe(ore(inv.Gross) + ore(inv.RoundOff));
    if (inv.Currency === "SEK") expect(Number.isInteger(inv.Total)).toBe(true);
    else expect(inv.RoundOff).toBe(0);
    expect(Math.abs(inv.RoundOff as number)).toBeLessThanOrEqual(0.5);
  }
}

/** Credit invoices point at their originals and back, with negated amounts in the same currency. */
export function expectCreditsLinked(db: TestDatabase): number {
  const credits = dataOf(db.invoices).filter((i) => i.Credit === "true");
  for (const credit of credits) {
    const original = db.invoices.get(String(credit.CreditInvoiceReference))?.data;
    expect(original).toBeDefined();
    if (!original) continue;
    expect(original.CreditInvoiceReference).toBe(credit.DocumentNumber);
    expect(original.Credit).toBe("false");
    expect([credit.CustomerNumber, credit.Currency, credit.CurrencyRate]).toEqual([original.CustomerNumber, original.Currency, original.CurrencyRate]);
    expect(credit.Total).toBe(-(original.Total as number) + 0);
    expect(credit.Net).toBe(-(original.Net as number) + 0);
    expect(credit.TotalVAT).toBe(-(original.TotalVAT as number) + 0);
    expect(credit.InvoiceDate! >= original.InvoiceDate!).toBe(true);
    for (const r of rowsOf(credit)) expect(Number(r.DeliveredQuantity)).toBeLessThan(0);
  }
  return credits.length;
}
