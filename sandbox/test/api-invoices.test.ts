import { describe, expect, it } from "vitest";

import { apiRoutes } from "../src/api";
import { resolveRoute } from "../src/api/routing";
import type { TestDatabase, Wire } from "../src/core/types";
import { isValidOcr } from "../src/seed";

import { BASE, call, makeDb, NOW, ok, type Event } from "./api-context";

const inv = (r: ReturnType<typeof call>, status = 200) => ok(r, status).Invoice as Wire;
const rowsOf = (i: Wire) => i.InvoiceRows as Wire[];
const cents = (n: unknown) => Math.round(Number(n) * 100);

/** The header adds up from its rows, as an integrator recomputing it would check. */
function expectConsistent(i: Wire) {
  const excl = rowsOf(i).reduce((s, r) => s + cents(r.TotalExcludingVAT), 0);
  expect(cents(i.Net)).toBe(excl + cents(i.Freight) + cents(i.AdministrationFee));
  expect(cents(i.Gross)).toBe(cents(i.Net) + cents(i.TotalVAT));
  expect(cents(i.Total) - cents(i.Gross)).toBe(cents(i.RoundOff));
}

function privateAndCompany(db: TestDatabase) {
  const all = [...db.customers.values()].map((r) => r.data);
  return { company: all.find((c) => c.Type === "COMPANY" && c.Currency === "SEK")!, person: all.find((c) => c.Type === "PRIVATE")! };
}

const twoRows = [{ ArticleNumber: "1", DeliveredQuantity: "2" }, { Description: "Frakt och emballage", Price: 100, AccountNumber: 3001, DeliveredQuantity: "1", VAT: 25 }];

describe("POST /3/invoices", () => {
  it("fills the header from the customer and predefined values, rows from articles, totals from computeInvoice", () => {
    const db = makeDb();
    const { company } = privateAndCompany(db);
    const events: Event[] = [];
    // 23:30 UTC is already the next day in Stockholm.
    const now = new Date("2026-03-10T23:30:00Z");
    const i = inv(call(db, "POST", "/3/invoices", { body: { Invoice: { CustomerNumber: company.CustomerNumber, InvoiceRows: twoRows, YourOrderNumber: "PO-1" } }, events, now }), 201);
    expect(i).toMatchObject({
      "@url": `${BASE}/3/invoices/41`,
      "@urlTaxReductionList": `${BASE}/3/taxreductions?filter=invoices&referencenumber=41`,
      DocumentNumber: "41",
      CustomerName: company.Name,
      Address1: company.Address1,
      OrganisationNumber: company.OrganisationNumber,
      TermsOfPayment: company.TermsOfPayment,
      InvoiceDate: "2026-03-11",
      DueDate: "2026-04-10",
      YourOrderNumber: "PO-1",
      Booked: false,
      Cancelled: false,
      Sent: false,
      Credit: "false",
      CreditInvoiceReference: "0",
      VATIncluded: false,
      Currency: "SEK",
    });
    expect(isValidOcr(String(i.OCR))).toBe(true);
    expect(String(i.OCR).startsWith("41")).toBe(true);
    const article = db.articles.get("1")!.data;
    expect(rowsOf(i)[0]).toMatchObject({ ArticleNumber: "1", Description: article.Description, Price: article.SalesPrice, AccountNumber: article.SalesAccount, DeliveredQuantity: "2.00" });
    expect(rowsOf(i)[1]).toMatchObject({ AccountNumber: 3001, Total: 100, VATCode: "MP1" });
    expect(new Set(rowsOf(i).map((r) => r.RowId)).size).toBe(2);
    expectConsistent(i);
    expect(cents(i.Balance)).toBe(cents(i.Total));
    expect(events).toEqual([{ topic: "invoices", type: "invoice-created-v1", entityId: "41" }]);
    expect(db.invoices.get("41")!.lastModified).toEqual(now);
  });

  it("prices private customers' invoices VAT-included by default", () => {
    const db = makeDb();
    const { person } = privateAndCompany(db);
    const i = inv(call(db, "POST", "/3/invoices", { body: { Invoice: { CustomerNumber: person.CustomerNumber, InvoiceRows: [{ ArticleNumber: "1", DeliveredQuantity: "1" }] } } }), 201);
    expect(i.VATIncluded).toBe(true);
    const a = db.articles.get("1")!.data;
    expect(rowsOf(i)[0]!.Price).toBe(Math.round(Number(a.SalesPrice) * (1 + Number(a.VAT) / 100) * 100) / 100);
    expectConsistent(i);
  });

  it("answers 2001304 'Kunde inte hitta konto' when no account resolves, and not when one does", () => {
    const db = makeDb();
    db.predefinedAccounts = null;
    const bare = { Invoice: { CustomerNumber: "1", InvoiceRows: [{ Description: "Konsult", Price: 1000, DeliveredQuantity: "1" }] } };
    expect(call(db, "POST", "/3/invoices", { body: bare })).toMatchObject({ status: 400, error: { code: 2001304, message: "Kunde inte hitta konto" } });
    expect(call(db, "POST", "/3/invoices", { body: { Invoice: { CustomerNumber: "1", InvoiceRows: [{ Description: "Konsult", Price: 1000, DeliveredQuantity: "1", AccountNumber: 3041 }] } } }).status).toBe(201);
    expect(call(db, "POST", "/3/invoices", { body: { Invoice: { CustomerNumber: "1", InvoiceRows: [{ ArticleNumber: "1", DeliveredQuantity: "1" }] } } }).status).toBe(201);
  });

  it("rejects what Fortnox rejects", () => {
    const db = makeDb();
    const err = (invoice: Wire) => call(db, "POST", "/3/invoices", { body: { Invoice: invoice } }).error;
    expect(err({ InvoiceRows: [] })).toMatchObject({ code: 2000729 });
    expect(err({ CustomerNumber: "nobody" })).toEqual({ code: 2000204, message: "Kunde inte hämta/hitta kund (kundnummer)" });
    expect(err({ CustomerNumber: "1", InvoiceRows: [{ ArticleNumber: "no-such", DeliveredQuantity: "1" }] })).toEqual({ code: 2001302, message: "Kunde inte hitta artikel (rad 1)" });
    expect(err({ CustomerNumber: "1", InvoiceRows: [{ AccountNumber: 3001, Description: "x".repeat(256) }] })?.code).toBe(2000359);
    expect(err({ CustomerNumber: "1", InvoiceRows: [{ AccountNumber: 3001, Price: 10, Discount: 101 }] })?.code).toBe(2000359);
    expect(err({ CustomerNumber: "1", InvoiceRows: [{ AccountNumber: 3001, Price: 10, Discount: 150, DiscountType: "AMOUNT" }] })).toBeUndefined();
    expect(err({ CustomerNumber: "1", InvoiceRows: [{ AccountNumber: 999 }] })?.code).toBe(2000359);
    expect(err({ CustomerNumber: "1", InvoiceRows: [{ AccountNumber: 3001, DeliveredQuantity: "två" }] })).toEqual({ code: 2000108, message: "Värdet måste vara numeriskt (DeliveredQuantity)" });
    expect(err({ CustomerNumber: "1", InvoiceRows: [{ AccountNumber: 3001, Quantity: 2 }] })?.code).toBe(2001399);
    expect(err({ CustomerNumber: "1", InvoiceRows: {} })?.code).toBe(2001392);
    expect(err({ CustomerNumber: "1", InvoiceDate: "2026-02-30" })?.code).toBe(2000359);
    expect(err({ CustomerNumber: "1", VATIncluded: "true" })?.code).toBe(2000134);
    expect(err({ CustomerNumber: "1", Freight: "gratis" })?.code).toBe(2000108);
    // Computed and action-only fields are ignored, not errors.
    const i = inv(call(db, "POST", "/3/invoices", { body: { Invoice: { CustomerNumber: "1", Total: 5, Booked: true, Balance: 1, InvoiceRows: [] } } }), 201);
    expect(i).toMatchObject({ Total: 0, Booked: false, Balance: 0 });
  });
});

describe("PUT /3/invoices/:id", () => {
  function fresh() {
    const db = makeDb();
    const i = inv(call(db, "POST", "/3/invoices", { body: { Invoice: { CustomerNumber: "2", InvoiceRows: twoRows } } }), 201);
    return { db, n: String(i.DocumentNumber), created: i };
  }

  it("updates the header partially, recomputes totals and regenerates every RowId", () => {
    const { db, n, created } = fresh();
    const events: Event[] = [];
    const i = inv(call(db, "PUT", `/3/invoices/${n}`, { body: { Invoice: { YourReference: "Karin", Freight: 49, DocumentNumber: "9999" } }, events }));
    expect(i).toMatchObject({ DocumentNumber: n, YourReference: "Karin", Freight: 49, CustomerName: created.CustomerName });
    expect(cents(i.Net)).toBe(cents(created.Net) + 4900);
    expectConsistent(i);
    const oldIds = rowsOf(created).map((r) => r.RowId);
    for (const r of rowsOf(i)) expect(oldIds).not.toContain(r.RowId);
    expect(events).toEqual([{ topic: "invoices", type: "invoice-updated-v1", entityId: n }]);
  });

  it("without RowIds: rows are matched by position and unsent rows are removed", () => {
    const { db, n, created } = fresh();
    const i = inv(call(db, "PUT", `/3/invoices/${n}`, { body: { Invoice: { InvoiceRows: [{ DeliveredQuantity: "5" }] } } }));
    expect(rowsOf(i)).toHaveLength(1);
    expect(rowsOf(i)[0]).toMatchObject({ ArticleNumber: "1", Description: rowsOf(created)[0]!.Description, DeliveredQuantity: "5.00", Price: rowsOf(created)[0]!.Price });
    expect(cents(rowsOf(i)[0]!.Total)).toBe(cents(rowsOf(created)[0]!.Price) * 5);
    expectConsistent(i);
  });

  it("with RowIds: mentioned rows are kept or updated, rows without one are added, the rest removed", () => {
    const { db, n, created } = fresh();
    const [first, second] = rowsOf(created);
    const i = inv(call(db, "PUT", `/3/invoices/${n}`, { body: { Invoice: { InvoiceRows: [{ RowId: second!.RowId, Price: 80 }, { Description: "Ny rad", Price: 10, DeliveredQuantity: "3", AccountNumber: 3001 }] } } }));
    expect(rowsOf(i).map((r) => [r.Description, r.Price])).toEqual([[second!.Description, 80], ["Ny rad", 10]]);
    expect(rowsOf(i).some((r) => r.ArticleNumber === first!.ArticleNumber && r.ArticleNumber !== "")).toBe(false);
    expectConsistent(i);
    // {"RowId": n} alone keeps the row as it is; the old ids are gone after the previous update.
    const kept = inv(call(db, "PUT", `/3/invoices/${n}`, { body: { Invoice: { InvoiceRows: [{ RowId: rowsOf(i)[1]!.RowId }] } } }));
    expect(rowsOf(kept).map((r) => r.Description)).toEqual(["Ny rad"]);
    expect(call(db, "PUT", `/3/invoices/${n}`, { body: { Invoice: { InvoiceRows: [{ RowId: second!.RowId }] } } }).error?.code).toBe(2000359);
  });

  it("moves the invoice to another customer and recomputes the due date when terms or date change", () => {
    const { db, n } = fresh();
    const other = db.customers.get("3")!.data;
    const i = inv(call(db, "PUT", `/3/invoices/${n}`, { body: { Invoice: { CustomerNumber: "3", InvoiceDate: "2026-03-01", TermsOfPayment: "10" } } }));
    expect(i).toMatchObject({ CustomerNumber: "3", CustomerName: other.Name, OrganisationNumber: other.OrganisationNumber, InvoiceDate: "2026-03-01", DueDate: "2026-03-11", TermsOfPayment: "10" });
    expect(call(db, "PUT", `/3/invoices/${n}`, { body: { Invoice: { CustomerNumber: "nobody" } } }).error?.code).toBe(2000204);
  });

  it("refuses to change booked or cancelled invoices; has no DELETE", () => {
    const { db, n } = fresh();
    call(db, "PUT", `/3/invoices/${n}/bookkeep`);
    expect(call(db, "PUT", `/3/invoices/${n}`, { body: { Invoice: { YourReference: "x" } } })).toMatchObject({ status: 400, error: { code: 2000734 } });
    const other = inv(call(db, "POST", "/3/invoices", { body: { Invoice: { CustomerNumber: "2", InvoiceRows: twoRows } } }), 201);
    call(db, "PUT", `/3/invoices/${String(other.DocumentNumber)}/cancel`);
    expect(call(db, "PUT", `/3/invoices/${String(other.DocumentNumber)}`, { body: { Invoice: { YourReference: "x" } } }).error?.code).toBe(2000735);
    // No DELETE route: the dispatcher answers 405 with Allow (api-fidelity.test.ts).
    expect(resolveRoute(apiRoutes, "DELETE", `/3/invoices/${n}`)).toEqual({ allowed: ["GET", "PUT"], pattern: "/3/invoices/:id" });
    expect(call(db, "GET", "/3/invoices/99999").error).toEqual({ code: 2000423, message: "Kan inte hitta fakturan." });
  });
});

describe("invoice actions", () => {
  function unbooked(db: TestDatabase) {
    return inv(call(db, "POST", "/3/invoices", { body: { Invoice: { CustomerNumber: "4", InvoiceRows: twoRows, Freight: 30 } } }), 201);
  }

  it("bookkeep books once with a voucher in the invoice's year", () => {
    const db = makeDb();
    const n = String(unbooked(db).DocumentNumber);
    const events: Event[] = [];
    const later = new Date(NOW.getTime() + 5000);
    const booked = inv(call(db, "PUT", `/3/invoices/${n}/bookkeep`, { events, now: later }));
    expect(booked).toMatchObject({ Booked: true, VoucherSeries: "B", VoucherYear: 2026 });
    const maxBefore = Math.max(0, ...[...db.invoices.values()].filter((r) => r.data.VoucherYear === 2026 && r.data.DocumentNumber !== n).map((r) => Number(r.data.VoucherNumber)));
    expect(booked.VoucherNumber).toBe(maxBefore + 1);
    expect(events).toEqual([{ topic: "invoices", type: "invoice-bookkeep-v1", entityId: n }]);
    expect(db.invoices.get(n)!.lastModified).toEqual(later);
    expect(call(db, "PUT", `/3/invoices/${n}/bookkeep`).error?.code).toBe(2000736);
    expect(call(db, "PUT", `/3/invoices/${n}/cancel`).error?.code).toBe(2000737);
  });

  it("cancel makes an unbooked invoice cancelled with no balance; it can then not be booked", () => {
    const db = makeDb();
    const n = String(unbooked(db).DocumentNumber);
    const events: Event[] = [];
    expect(inv(call(db, "PUT", `/3/invoices/${n}/cancel`, { events }))).toMatchObject({ Cancelled: true, Balance: 0 });
    expect(events.map((e) => e.type)).toEqual(["invoice-cancel-v1"]);
    expect(call(db, "PUT", `/3/invoices/${n}/bookkeep`).error?.code).toBe(2000735);
    expect(call(db, "PUT", `/3/invoices/${n}/credit`).error?.code).toBe(2000735);
  });

  it("credit creates the mirrored credit invoice, links both ways and returns the original", () => {
    const db = makeDb();
    const original = unbooked(db);
    const n = String(original.DocumentNumber);
    call(db, "PUT", `/3/invoices/${n}/bookkeep`);
    const events: Event[] = [];
    const back = inv(call(db, "PUT", `/3/invoices/${n}/credit`, { events }));
    const creditNo = String(back.CreditInvoiceReference);
    expect(back).toMatchObject({ DocumentNumber: n, Booked: true, Balance: 0, FinalPayDate: "2026-03-10" });
    const credit = inv(call(db, "GET", `/3/invoices/${creditNo}`));
    expect(credit).toMatchObject({ Credit: "true", CreditInvoiceReference: n, Total: -Number(original.Total), Freight: -30, Booked: false, Sent: false, Balance: 0, InvoiceDate: "2026-03-10" });
    expect(rowsOf(credit).map((r) => r.DeliveredQuantity)).toEqual(rowsOf(original).map((r) => `-${String(r.DeliveredQuantity)}`));
    expect(isValidOcr(String(credit.OCR))).toBe(true);
    expectConsistent(credit);
    expect(events).toEqual([
      { topic: "invoices", type: "invoice-created-v1", entityId: creditNo },
      { topic: "invoices", type: "invoice-credit-v1", entityId: n },
    ]);
    expect(call(db, "PUT", `/3/invoices/${n}/credit`).error?.code).toBe(2000738);
    expect(call(db, "PUT", `/3/invoices/${creditNo}/credit`).error?.code).toBe(2000738);
  });

  it("crediting a paid invoice leaves the credit open with a negative balance", () => {
    const db = makeDb();
    const paid = [...db.invoices.values()].map((r) => r.data).find((d) => d.Credit === "false" && d.CreditInvoiceReference === "0" && d.Cancelled === false && Number(d.Balance) === 0 && Number(d.Total) > 0)!;
    const back = inv(call(db, "PUT", `/3/invoices/${String(paid.DocumentNumber)}/credit`));
    const credit = inv(call(db, "GET", `/3/invoices/${String(back.CreditInvoiceReference)}`));
    expect(credit.Balance).toBe(-Number(paid.Total));
    expect(back.Balance).toBe(0);
  });

  it("externalprint marks the invoice sent; actions take no body, {} or null, and refuse one with data", () => {
    const db = makeDb();
    const n = String(unbooked(db).DocumentNumber);
    const events: Event[] = [];
    expect(inv(call(db, "PUT", `/3/invoices/${n}/externalprint`, { events })).Sent).toBe(true);
    expect(events.map((e) => e.type)).toEqual(["invoice-externalprint-v1"]);
    expect(inv(call(db, "PUT", `/3/invoices/${n}/externalprint`, { body: {} })).Sent).toBe(true);
    expect(inv(call(db, "PUT", `/3/invoices/${n}/externalprint`, { body: null })).Sent).toBe(true);
    for (const a of ["bookkeep", "cancel", "credit", "externalprint"]) {
      expect(call(db, "PUT", `/3/invoices/${n}/${a}`, { body: { Invoice: { Comments: "x" } } }).error?.code, a).toBe(2001392);
      expect(call(db, "PUT", `/3/invoices/${n}/${a}`, { body: [] }).error?.code, a).toBe(2001392);
    }
    expect(call(db, "PUT", "/3/invoices/99999/bookkeep").status).toBe(404);
  });
});
