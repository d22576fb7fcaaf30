/**
 * The live totals preview of the invoice form, in whole öre. Row net = quantity × price less the
 * percent discount. With `vatIncluded` the entered prices contain VAT (docs/fortnox.md#api-conventions), so VAT
 * is taken out of them rather than added. Fortnox rounds its own way (öresavrundning, per-row VAT);
 * this is a preview, and the invoice Fortnox returns is what is stored.
 */

export interface TotalsRow {
  quantity: number;
  price: number;
  vat: number;
  discount: number;
}

export interface InvoiceTotals {
  /** Excluding VAT. */
  net: number;
  vat: number;
  /** Including VAT. */
  total: number;
  /** VAT per rate, for the rates present. */
  vatByRate: { rate: number; amount: number }[];
}

const ore = (sek: number) => Math.round(sek * 100);

export function computeTotals(rows: readonly TotalsRow[], vatIncluded: boolean): InvoiceTotals {
  let net = 0;
  let vat = 0;
  const byRate = new Map<number, number>();
  for (const r of rows) {
    if (![r.quantity, r.price, r.vat, r.discount].every(Number.isFinite)) continue;
    const amount = ore(r.quantity * r.price * (1 - Math.min(Math.max(r.discount, 0), 100) / 100));
    const rowVat = vatIncluded ? amount - Math.round(amount / (1 + r.vat / 100)) : Math.round((amount * r.vat) / 100);
    const rowNet = vatIncluded ? amount - rowVat : amount;
    net += rowNet;
    vat += rowVat;
    byRate.set(r.vat, (byRate.get(r.vat) ?? 0) + rowVat);
  }
  return {
    net: net / 100,
    vat: vat / 100,
    total: (net + vat) / 100,
    vatByRate: [...byRate.entries()].sort((a, b) => b[0] - a[0]).map(([rate, amount]) => ({ rate, amount: amount / 100 })),
  };
}
