import { beforeAll, describe, expect, it } from "vitest";

import type { TestDatabase } from "../src/core/types";
import { currencyRate, FOREIGN_CURRENCIES, generateTestDatabase, resolveSeedSpec, SEED_PRESETS, SEED_SIZES } from "../src/seed";
import { parseDay, stockholmEpochDay } from "../src/seed/dates";

import { call, makeDb, ok } from "./api-context";
import { dataOf, expectCreditsLinked, expectRowsAddUp, rowsOf } from "./seed-invariants";
import { specAvailable, validatorFor } from "./seed-openapi";

/** The demo scenarios as seeds: many overdue invoices (`overdue`) and customers in foreign currency (`foreign`). */

const now = new Date("2025-06-15T10:30:00Z");
const today = stockholmEpochDay(now);
const gen = (seed: Parameters<typeof resolveSeedSpec>[0], tenantId = 77) => generateTestDatabase({ tenantId, seed: resolveSeedSpec(seed), now });

/** Of the sent, open, ordinary invoices: how many are past their due date. */
function overdueShare(db: TestDatabase): { unpaid: number; overdue: number; share: number } {
  const unpaid = dataOf(db.invoices).filter((i) => i.Credit === "false" && i.Cancelled === false && i.Sent === true && i.Balance !== 0);
  const overdue = unpaid.filter((i) => parseDay(String(i.DueDate)) < today);
  return { unpaid: unpaid.length, overdue: overdue.length, share: overdue.length / unpaid.length };
}

let overdue: TestDatabase;
let foreign: TestDatabase;
let standard: TestDatabase;
beforeAll(() => {
  overdue = gen("overdue");
  foreign = gen("foreign");
  standard = gen({ ...SEED_SIZES.overdue, profile: "standard" });
});

describe("presets", () => {
  it("lists every named seed once, with Swedish and English labels, in a form POST /databases takes", () => {
    expect(SEED_PRESETS.map((p) => p.name).sort()).toEqual(Object.keys(SEED_SIZES).sort());
    for (const p of SEED_PRESETS) {
      for (const text of [p.label.sv, p.label.en, p.description.sv, p.description.en]) expect(text.trim().length, p.name).toBeGreaterThan(3);
      expect(resolveSeedSpec(p.name)).toEqual(p.spec);
    }
    expect(SEED_PRESETS.find((p) => p.name === "huge")?.spec.invoices).toBe(100_000);
  });

  it("keeps the profile through 'name:seed' and the object form, and refuses an unknown one", () => {
    expect(resolveSeedSpec("overdue:7")).toEqual({ ...SEED_SIZES.overdue, seed: 7 });
    expect(resolveSeedSpec({ customers: 5, articles: 2, invoices: 9, profile: "foreign" })).toEqual({ customers: 5, articles: 2, invoices: 9, seed: 1, profile: "foreign" });
    expect(resolveSeedSpec({ customers: 5, articles: 2, invoices: 9, profile: "standard" })).toEqual({ customers: 5, articles: 2, invoices: 9, seed: 1 });
    expect(() => resolveSeedSpec({ customers: 1, profile: "bankrupt" as never })).toThrow(/profile.*standard, overdue, foreign/);
  });

  it("is deterministic: the same spec and tenant give the same company; the stored spec reproduces it", () => {
    expect(gen("foreign")).toEqual(foreign);
    expect(generateTestDatabase({ tenantId: 77, seed: foreign.seed, now })).toEqual(foreign);
    expect(dataOf(gen("overdue:2").invoices)).not.toEqual(dataOf(overdue.invoices));
  });
});

describe("overdue: many overdue invoices", () => {
  it("keeps every invoice invariant", () => {
    expectRowsAddUp(dataOf(overdue.invoices));
    expect(expectCreditsLinked(overdue)).toBeGreaterThan(5);
  });

  it("most unpaid invoices are past due, far more than in the same company with usual payers", () => {
    const slow = overdueShare(overdue);
    const usual = overdueShare(standard);
    console.log("overdue share of unpaid invoices:", { overdue: slow, standard: usual });
    expect(slow.share).toBeGreaterThan(0.8);
    expect(slow.overdue).toBeGreaterThan(3 * usual.overdue);
    expect(slow.overdue / overdue.invoices.size).toBeGreaterThan(0.2);
  });

  it("long-overdue invoices carry reminders", () => {
    const late = dataOf(overdue.invoices).filter((i) => i.Credit === "false" && i.Cancelled === false && i.Balance !== 0 && today - parseDay(String(i.DueDate)) > 40);
    expect(late.length).toBeGreaterThan(100);
    for (const i of late) expect([i.Reminders, typeof i.LastRemindDate]).toEqual([2, "string"]);
  });
});

describe("foreign: customers in foreign currency", () => {
  const MARKET: Record<string, { codes: string[]; vatType: string }> = {
    NOK: { codes: ["NO"], vatType: "EXPORT" },
    DKK: { codes: ["DK"], vatType: "EUREVERSEDVAT" },
    EUR: { codes: ["DE", "FI"], vatType: "EUREVERSEDVAT" },
    USD: { codes: ["US"], vatType: "EXPORT" },
  };

  it("customers abroad in every currency, with country, VAT type and VAT number to match", () => {
    const customers = dataOf(foreign.customers);
    const abroad = customers.filter((c) => c.CountryCode !== "SE");
    expect(abroad.length / customers.length).toBeGreaterThan(0.5);
    expect(customers.some((c) => c.CountryCode === "SE" && c.Currency === "SEK")).toBe(true);
    expect(new Set(abroad.map((c) => c.Currency))).toEqual(new Set(FOREIGN_CURRENCIES));
    for (const c of abroad) {
      const market = MARKET[String(c.Currency)]!;
      expect(market.codes).toContain(c.CountryCode);
      expect([c.VATType, c.Type, c.ShowPriceVATIncluded, c.DeliveryCountryCode]).toEqual([market.vatType, "COMPANY", false, c.CountryCode]);
      expect(String(c.ZipCode).length).toBeLessThanOrEqual(10);
      if (c.CountryCode !== "US") expect(String(c.VATNumber).startsWith(String(c.CountryCode))).toBe(true);
    }
  });

  it("keeps every invoice invariant", () => {
    expectRowsAddUp(dataOf(foreign.invoices));
    expect(expectCreditsLinked(foreign)).toBeGreaterThan(0);
  });

  it("invoices are in the customer's currency at the day's rate, without Swedish VAT, on the accounts for sales abroad", () => {
    const seen = new Set<string>();
    for (const { data: inv } of foreign.invoices.values()) {
      const customer = foreign.customers.get(String(inv.CustomerNumber))!.data;
      expect(inv.Currency).toBe(customer.Currency);
      expect(inv.CurrencyUnit).toBe(1);
      if (inv.Currency === "SEK") {
        expect(inv.CurrencyRate).toBe(1);
        continue;
      }
      seen.add(String(inv.Currency));
      // A credit invoice keeps its original's rate; originals use their own invoice date's.
      const rateDay = inv.Credit === "true" ? String(foreign.invoices.get(String(inv.CreditInvoiceReference))!.data.InvoiceDate) : String(inv.InvoiceDate);
      expect(inv.CurrencyRate).toBe(currencyRate(String(inv.Currency), parseDay(rateDay)));
      expect(Number.isInteger(Math.round((inv.CurrencyRate as number) * 1e4 * 1e6) / 1e6)).toBe(true);
      expect(inv.Language).toBe("EN");
      if (customer.CountryCode === "SE") continue;
      expect([inv.TotalVAT, inv.Freight, inv.EUQuarterlyReport]).toEqual([0, 0, customer.VATType === "EUREVERSEDVAT"]);
      for (const r of rowsOf(inv)) {
        expect(r.VAT).toBe(0);
        expect([3105, 3305, 3108, 3308]).toContain(r.AccountNumber);
        // The price is the article's SEK price converted at the invoice's rate, to the öre.
        const article = foreign.articles.get(String(r.ArticleNumber))!.data;
        expect(Math.abs((r.Price as number) - (article.SalesPrice as number) / (inv.CurrencyRate as number))).toBeLessThanOrEqual(0.005 + 1e-9);
      }
    }
    expect(seen).toEqual(new Set(FOREIGN_CURRENCIES));
  });

  it("every currency's rate stays in a believable band", () => {
    const bands: Record<string, [number, number]> = { EUR: [10.5, 12.5], USD: [9.5, 11.7], NOK: [0.85, 1.1], DKK: [1.35, 1.7] };
    for (let day = today - 600; day <= today; day += 13) {
      for (const [cur, [lo, hi]] of Object.entries(bands)) {
        const rate = currencyRate(cur, day);
        expect(rate > lo && rate < hi, `${cur} ${rate}`).toBe(true);
      }
    }
    expect(currencyRate("SEK", today)).toBe(1);
  });
});

describe("the API invoices a customer abroad as the seed does", () => {
  it("POST /3/invoices: the customer's currency at the day's rate, VAT 0, sales-abroad accounts", () => {
    const db = makeDb({ customers: 40, articles: 10, invoices: 5, profile: "foreign" });
    const abroad = dataOf(db.customers).find((c) => c.VATType === "EUREVERSEDVAT")!;
    const stock = dataOf(db.articles).find((a) => a.Type === "STOCK")!;
    const created = ok(call(db, "POST", "/3/invoices", { body: { Invoice: { CustomerNumber: abroad.CustomerNumber, InvoiceRows: [{ ArticleNumber: stock.ArticleNumber, DeliveredQuantity: "2" }, { Description: "Frakt", Price: 40, DeliveredQuantity: "1", AccountNumber: 3108 }] } } }), 201).Invoice as Record<string, unknown>;
    expect(created).toMatchObject({ Currency: abroad.Currency, CurrencyRate: currencyRate(String(abroad.Currency), parseDay(String(created.InvoiceDate))), TotalVAT: 0, EUQuarterlyReport: true });
    expect(rowsOf(created).map((r) => [r.VAT, r.AccountNumber])).toEqual([[0, 3108], [0, 3108]]);
    // A Swedish customer in the same company still pays Swedish VAT.
    const home = dataOf(db.customers).find((c) => c.CountryCode === "SE")!;
    const domestic = ok(call(db, "POST", "/3/invoices", { body: { Invoice: { CustomerNumber: home.CustomerNumber, InvoiceRows: [{ ArticleNumber: stock.ArticleNumber, DeliveredQuantity: "1" }] } } }), 201).Invoice as Record<string, unknown>;
    expect(rowsOf(domestic)[0]!.VAT).toBe(stock.VAT);
  });
});

describe.skipIf(!specAvailable)("scenario records validate against the official OpenAPI schemas", () => {
  it("Customer and Invoice", () => {
    for (const db of [overdue, foreign]) {
      for (const [schema, records] of [["fortnox_Customer", dataOf(db.customers)], ["fortnox_Invoice", dataOf(db.invoices)]] as const) {
        const validate = validatorFor(schema);
        const failures: string[] = [];
        for (const r of records) {
          const valid: boolean = validate(r);
          if (!valid && failures.length < 3) failures.push(`${String(r.CustomerNumber ?? r.DocumentNumber)}: ${JSON.stringify(validate.errors)}`);
        }
        expect(failures).toEqual([]);
      }
    }
  });
});
