import { describe, expect, it } from "vitest";

import type { Wire } from "../src/core/types";
import {
  applyArticleDefaults,
  computeInvoice,
  isLuhnValid,
  isValidOcr,
  luhnCheckDigit,
  ocrFor,
  resolveRowAccount,
  resolveSeedSpec,
  SEED_SIZES,
} from "../src/seed";
import { isGs1Valid } from "../src/seed/luhn";

const row = (r: Wire): Wire => ({ DiscountType: "PERCENT", Discount: 0, ...r });

describe("computeInvoice", () => {
  it("prices excluding VAT: rows, Net, VAT, öresavrundning", () => {
    const inv = computeInvoice({ Currency: "SEK", VATIncluded: false }, [
      row({ DeliveredQuantity: "3", Price: 99.9, VAT: 25 }),
      row({ DeliveredQuantity: "1", Price: 45.5, VAT: 12 }),
    ]);
    const rows = inv.InvoiceRows as Wire[];
    expect(rows[0]).toMatchObject({ Total: 299.7, TotalExcludingVAT: 299.7, PriceExcludingVAT: 99.9, DeliveredQuantity: "3.00" });
    expect(inv).toMatchObject({ Net: 345.2, TotalVAT: 80.39, Gross: 425.59, Total: 426, RoundOff: 0.41, TotalToPay: 426, Balance: 426 });
  });

  it("prices including VAT: Total is incl., excl. amount and VAT split out per row", () => {
    const inv = computeInvoice({ VATIncluded: true }, [row({ DeliveredQuantity: "2", Price: 125, VAT: 25 }), row({ DeliveredQuantity: "1", Price: 106, VAT: 6 })]);
    const rows = inv.InvoiceRows as Wire[];
    expect(rows[0]).toMatchObject({ Total: 250, TotalExcludingVAT: 200, PriceExcludingVAT: 100 });
    expect(rows[1]).toMatchObject({ Total: 106, TotalExcludingVAT: 100 });
    expect(inv).toMatchObject({ Net: 300, TotalVAT: 56, Gross: 356, Total: 356, RoundOff: 0 });
  });

  it("percent and amount discounts", () => {
    const inv = computeInvoice({}, [
      row({ DeliveredQuantity: "4", Price: 250, VAT: 25, Discount: 10 }),
      row({ DeliveredQuantity: "1", Price: 100, VAT: 25, Discount: 15, DiscountType: "AMOUNT" }),
    ]);
    const rows = inv.InvoiceRows as Wire[];
    expect(rows.map((r) => r.Total)).toEqual([900, 85]);
    expect(inv.Net).toBe(985);
  });

  it("freight and administration fee are excl. VAT and carry 25 %", () => {
    const inv = computeInvoice({ Freight: 149, AdministrationFee: 29 }, [row({ DeliveredQuantity: "1", Price: 100, VAT: 12 })]);
    expect(inv).toMatchObject({ FreightVAT: 37.25, AdministrationFeeVAT: 7.25, Net: 278, TotalVAT: 56.5, Gross: 334.5, Total: 335, RoundOff: 0.5 });
  });

  it("does not drift on binary-unfriendly amounts", () => {
    const inv = computeInvoice({}, [row({ DeliveredQuantity: "3", Price: 0.1, VAT: 25 }), row({ DeliveredQuantity: "1", Price: 1.005, VAT: 25 })]);
    expect((inv.InvoiceRows as Wire[]).map((r) => r.Total)).toEqual([0.3, 1.01]);
    expect(inv.Net).toBe(1.31);
  });

  it("a credit (negated quantities) mirrors the original exactly, incl. rounding", () => {
    const rows = [row({ DeliveredQuantity: "3", Price: 33.33, VAT: 25 }), row({ DeliveredQuantity: "1.5", Price: 12.35, VAT: 12, Discount: 5 })];
    for (const VATIncluded of [true, false]) {
      const original = computeInvoice({ VATIncluded, Freight: 49 }, rows);
      const credit = computeInvoice(
        { VATIncluded, Freight: -49 },
        rows.map((r) => ({ ...r, DeliveredQuantity: `-${String(r.DeliveredQuantity)}` })),
      );
      for (const key of ["Net", "TotalVAT", "Gross", "RoundOff", "Total", "Balance"]) {
        expect(credit[key]).toBe(-(original[key] as number) + 0);
      }
    }
  });

  it("foreign currency is not rounded to whole units; cancelled has no balance; paid reduces it", () => {
    const rows = [row({ DeliveredQuantity: "1", Price: 10.1, VAT: 25 })];
    expect(computeInvoice({ Currency: "EUR" }, rows)).toMatchObject({ Total: 12.63, RoundOff: 0 });
    expect(computeInvoice({ Cancelled: true }, rows).Balance).toBe(0);
    expect(computeInvoice({}, rows, { paid: 5 }).Balance).toBe(8);
  });

  it("contribution uses the article purchase price", () => {
    const inv = computeInvoice({}, [row({ ArticleNumber: "7", DeliveredQuantity: "2", Price: 100, VAT: 25 })], { purchasePriceOf: () => 60 });
    expect((inv.InvoiceRows as Wire[])[0]).toMatchObject({ ContributionValue: "80.00", ContributionPercent: "40.00" });
    expect(inv).toMatchObject({ ContributionValue: 80, ContributionPercent: 40 });
  });

  it("does not mutate its inputs", () => {
    const rows = [row({ DeliveredQuantity: "1", Price: 10, VAT: 25 })];
    const invoice = { VATIncluded: false };
    computeInvoice(invoice, rows);
    expect(rows[0]).not.toHaveProperty("Total");
    expect(invoice).not.toHaveProperty("Net");
  });
});

describe("resolveRowAccount", () => {
  const predefined = { salesByVat: { 25: 3001, 12: 3002, 6: 3003, 0: 3004 } };
  it("row account, then article, then predefined by VAT, else null", () => {
    expect(resolveRowAccount({ AccountNumber: 3010, VAT: 25 }, { SalesAccount: 3051 }, predefined)).toBe(3010);
    expect(resolveRowAccount({ VAT: 25 }, { SalesAccount: 3051 }, predefined)).toBe(3051);
    expect(resolveRowAccount({ VAT: 12 }, undefined, predefined)).toBe(3002);
    expect(resolveRowAccount({}, { VAT: 6 }, predefined)).toBe(3003);
    expect(resolveRowAccount({ VAT: 25 }, undefined, null)).toBeNull();
    expect(resolveRowAccount({ VAT: 7 }, undefined, predefined)).toBeNull();
  });
});

describe("applyArticleDefaults", () => {
  const article = { Description: "Konsulttimme", Unit: "h", VAT: 25, SalesPrice: 1000 };
  it("fills omitted fields and grosses up the price for VAT-inclusive invoices", () => {
    expect(applyArticleDefaults({ DeliveredQuantity: "1" }, article, false)).toMatchObject({ Description: "Konsulttimme", Unit: "h", VAT: 25, Price: 1000 });
    expect(applyArticleDefaults({ DeliveredQuantity: "1" }, article, true).Price).toBe(1250);
    expect(applyArticleDefaults({ Price: 5, Description: "x" }, article, false)).toMatchObject({ Price: 5, Description: "x" });
  });
});

describe("check digits", () => {
  it("Luhn on known Swedish numbers", () => {
    expect(isLuhnValid("556012-5790")).toBe(true); // Volvo AB
    expect(isLuhnValid("811218-9876")).toBe(true); // Skatteverket's example personnummer
    expect(isLuhnValid("556012-5791")).toBe(false);
    expect(luhnCheckDigit("556012579")).toBe(0);
  });
  it("OCR carries a length digit and a Luhn digit", () => {
    expect(ocrFor("1")).toBe("133");
    expect(ocrFor("12345")).toBe(`123457${luhnCheckDigit("123457")}`);
    for (const n of ["1", "99", "1234", "100000", "12345678"]) expect(isValidOcr(ocrFor(n))).toBe(true);
    expect(isValidOcr("134")).toBe(false);
  });
  it("GS1 on a real EAN-13", () => {
    expect(isGs1Valid("7310865004703")).toBe(true);
  });
});

describe("resolveSeedSpec", () => {
  it("resolves names, name:seed and partial objects", () => {
    expect(resolveSeedSpec("tiny")).toEqual(SEED_SIZES.tiny);
    expect(resolveSeedSpec(" Demo ")).toEqual(SEED_SIZES.demo);
    expect(resolveSeedSpec("small:7")).toEqual({ ...SEED_SIZES.small, seed: 7 });
    expect(resolveSeedSpec({ customers: 2, articles: 1, invoices: 3 })).toEqual({ customers: 2, articles: 1, invoices: 3, seed: 1 });
    expect(resolveSeedSpec({})).toEqual({ customers: 0, articles: 0, invoices: 0, seed: 1 });
  });
  it("rejects unknown names, bad counts and unknown keys with a clear message", () => {
    expect(() => resolveSeedSpec("medium")).toThrow(/Unknown seed size "medium".*tiny/);
    expect(() => resolveSeedSpec("tiny:x")).toThrow(/seed/);
    expect(() => resolveSeedSpec({ customers: -1 })).toThrow(/"customers" must be a non-negative integer/);
    expect(() => resolveSeedSpec({ invoices: 1.5, customers: 1, articles: 1 })).toThrow(/"invoices"/);
    expect(() => resolveSeedSpec({ invoices: 5 })).toThrow(/at least one customer/);
    expect(() => resolveSeedSpec({ customer: 5 } as never)).toThrow(/unknown key/);
  });
  it("named sizes have the agreed counts", () => {
    expect(SEED_SIZES.huge).toMatchObject({ customers: 20_000, articles: 2_000, invoices: 100_000 });
    expect(SEED_SIZES.large).toMatchObject({ customers: 10_000, articles: 10_000, invoices: 2_000 });
  });
});
