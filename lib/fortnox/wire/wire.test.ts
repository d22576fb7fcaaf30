import { describe, expect, it } from "vitest";

import { articlesResource, customersResource, decodeArticleListItem, decodeCustomer, decodeInvoice, decodeInvoiceListItem, invoicesResource, num } from "./index";

describe("field decoders", () => {
  it("reads numbers sent as strings, and blanks as null", () => {
    expect(num.parse("1")).toBe(1);
    expect(num.parse("-12.50")).toBe(-12.5);
    expect(num.parse(3)).toBe(3);
    expect(num.parse("")).toBeNull();
    expect(num.parse(null)).toBeNull();
    expect(num.parse(undefined)).toBeNull();
    expect(num.safeParse("12 kr").success).toBe(false);
    expect(num.safeParse(true).success).toBe(false);
  });
});

describe("customers", () => {
  it("decodes a list item (a subset) and a detail record, keeping unknown fields in raw", () => {
    const item = { "@url": "https://api.fortnox.se/3/customers/1", CustomerNumber: 1, Name: "Acme AB", OrganisationNumber: "", Email: "a@acme.se", Phone: "08-1", City: "Malmö", ZipCode: "211 20", Address1: "", Address2: "", Brand: "new field" };
    const c = customersResource.page({ Customers: [item], MetaInformation: { "@TotalResources": 1, "@TotalPages": 1, "@CurrentPage": 1 } });
    expect(c.page).toEqual({ totalResources: 1, totalPages: 1, currentPage: 1 });
    expect(c.items[0]).toEqual({ customerNumber: "1", name: "Acme AB", organisationNumber: null, type: null, email: "a@acme.se", phone: "08-1", city: "Malmö", zipCode: "211 20", active: null, raw: item });
    const detail = decodeCustomer({ ...item, CustomerNumber: "1", Active: true, Type: "COMPANY", Phone1: "08-2" });
    expect(detail).toMatchObject({ active: true, type: "COMPANY", phone: "08-2" });
    expect(detail.raw.Brand).toBe("new field");
  });

  it("unwraps a single envelope and fails on a missing name", () => {
    expect(customersResource.one({ Customer: { CustomerNumber: "7", Name: "B" } }).customerNumber).toBe("7");
    expect(() => customersResource.one({ Customer: { CustomerNumber: "7" } })).toThrow();
    expect(() => customersResource.one({ Invoice: {} })).toThrow(/Customer/);
  });
});

describe("articles", () => {
  it("reads the list item's string-typed prices and quantities", () => {
    const a = decodeArticleListItem({ ArticleNumber: "A-1", Description: "Konsulttimme", SalesPrice: "1250.00", PurchasePrice: "", VAT: "25", QuantityInStock: "3.5", ReservedQuantity: "0", StockValue: "0", Unit: "h", WebshopArticle: false });
    expect(a).toMatchObject({ articleNumber: "A-1", salesPrice: 1250, purchasePrice: null, vat: 25, quantityInStock: 3.5, unit: "h", type: null, active: null });
    const page = articlesResource.page({ Articles: [] });
    expect(page).toEqual({ items: [], page: { totalResources: null, totalPages: null, currentPage: null } });
  });
});

describe("invoices", () => {
  const listItem = {
    "@url": "https://api.fortnox.se/3/invoices/42",
    DocumentNumber: "42",
    CustomerNumber: "1",
    CustomerName: "Acme AB",
    InvoiceDate: "2026-03-01",
    DueDate: "2026-03-31",
    FinalPayDate: "",
    Currency: "SEK",
    CurrencyRate: "1",
    Total: "1250",
    Balance: "1250",
    OCR: "4212",
    Booked: false,
    Cancelled: false,
    Sent: true,
    NoxFinans: false,
  };

  it("reads string numbers, an int or string DocumentNumber and empty-string dates", () => {
    expect(decodeInvoiceListItem(listItem)).toMatchObject({ documentNumber: 42, total: 1250, balance: 1250, finalPayDate: null, sent: true, rows: null, totalVat: null, vatIncluded: null });
    expect(decodeInvoiceListItem({ ...listItem, DocumentNumber: 42, Total: 1250, FinalPayDate: null }).documentNumber).toBe(42);
    expect(decodeInvoiceListItem({ ...listItem, InvoiceDate: "2026-03-01 10:00:00" }).invoiceDate).toBe("2026-03-01");
    expect(() => decodeInvoiceListItem({ ...listItem, Total: "" })).toThrow(/amount/);
    expect(() => decodeInvoiceListItem({ ...listItem, DueDate: "31/03/2026" })).toThrow();
  });

  it("decodes a detail record with rows, Credit as a string and a zero credit reference", () => {
    const row = { RowId: "3", ArticleNumber: "A-1", Description: "Konsulttimme", AccountNumber: "3001", DeliveredQuantity: "1.00", Unit: "h", Price: 1000, Discount: "0", VAT: 25, Total: "1000", ContributionPercent: "100", HouseWork: false };
    const inv = decodeInvoice({ ...listItem, TotalVAT: "250", Net: 1000, Credit: "false", CreditInvoiceReference: "0", VATIncluded: false, InvoiceRows: [row, { Description: "Text row", DeliveredQuantity: "", Price: "" }] });
    expect(inv).toMatchObject({ totalVat: 250, net: 1000, credit: false, creditInvoiceReference: null, vatIncluded: false });
    expect(inv.rows).toHaveLength(2);
    expect(inv.rows[0]).toEqual({ position: 0, rowId: 3, articleNumber: "A-1", description: "Konsulttimme", accountNumber: 3001, quantity: 1, unit: "h", price: 1000, discount: 0, vat: 25, total: 1000, raw: row });
    expect(inv.rows[1]).toMatchObject({ position: 1, articleNumber: null, quantity: null, price: null });
    expect(invoicesResource.one({ Invoice: { ...listItem, Credit: true, CreditInvoiceReference: 41 } })).toMatchObject({ credit: true, creditInvoiceReference: 41, rows: [] });
  });

  it("reads MetaInformation even when its numbers come as strings", () => {
    const page = invoicesResource.page({ Invoices: [listItem], MetaInformation: { "@TotalResources": "1234", "@TotalPages": "3", "@CurrentPage": "2" } });
    expect(page.page).toEqual({ totalResources: 1234, totalPages: 3, currentPage: 2 });
  });
});
