import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { articleBody } from "./articles";
import { customerBody } from "./customers";
import { invoiceBody } from "./invoices";

const fullCustomer = {
  customerNumber: "K-1",
  name: "Bryggans Kaffe AB",
  organisationNumber: "556640-2276",
  type: "COMPANY" as const,
  email: "info@bryggan.se",
  phone: "08-123 45",
  address1: "Strandvägen 1",
  address2: "Box 12",
  zipCode: "114 56",
  city: "Stockholm",
  yourReference: "Ingrid",
  active: true,
};
const fullArticle = { articleNumber: "A-1", description: "Konsulttimme", type: "SERVICE" as const, unit: "h", salesPrice: 1250, purchasePrice: 0, vat: 25, salesAccount: 3001, ean: "7310865004703", active: true };
const fullInvoice = {
  customerNumber: "1",
  invoiceDate: "2026-03-01",
  dueDate: "2026-03-31",
  yourReference: "Ingrid",
  ourReference: "Olle",
  remarks: "Tack för beställningen",
  vatIncluded: false,
  rows: [
    { articleNumber: "A-1", quantity: 2, price: 1250, vat: 25, discount: 10, description: "Konsulttimme", unit: "h", accountNumber: null },
    { accountNumber: 3001, quantity: 1.5, price: 99.5, vat: 12, description: "Fritext" },
  ],
};

describe("customer bodies", () => {
  it("creates with only what was given, and renames to Fortnox's fields", () => {
    expect(customerBody({ name: "Acme AB", email: null, customerNumber: null }, "create")).toEqual({ Customer: { Name: "Acme AB" } });
    expect(customerBody(fullCustomer, "create").Customer).toMatchObject({ CustomerNumber: "K-1", Phone1: "08-123 45", Type: "COMPANY", Active: true });
  });

  it("updates partially: blanks clear, the number is never sent", () => {
    expect(customerBody({ customerNumber: "K-1", name: "Ny AB", email: null, active: false }, "update")).toEqual({ Customer: { Name: "Ny AB", Email: "", Active: false } });
  });
});

describe("article bodies", () => {
  it("sends numbers as numbers and clears numeric blanks to 0 on update", () => {
    expect(articleBody(fullArticle, "create").Article).toMatchObject({ ArticleNumber: "A-1", SalesPrice: 1250, VAT: 25, SalesAccount: 3001, Type: "SERVICE" });
    expect(articleBody({ articleNumber: "A-1", description: "X", salesPrice: null, salesAccount: null, unit: null }, "update")).toEqual({ Article: { Description: "X", SalesPrice: 0, Unit: "" } });
  });
});

describe("invoice bodies", () => {
  it("builds rows with DeliveredQuantity as text and a percent discount", () => {
    const body = invoiceBody(fullInvoice).Invoice;
    expect(body).toMatchObject({ CustomerNumber: "1", InvoiceDate: "2026-03-01", VATIncluded: false });
    const rows = body.InvoiceRows as Record<string, unknown>[];
    expect(rows[0]).toEqual({ ArticleNumber: "A-1", DeliveredQuantity: "2", Price: 1250, VAT: 25, Discount: 10, DiscountType: "PERCENT", Description: "Konsulttimme", Unit: "h" });
    expect(rows[1]).toEqual({ AccountNumber: 3001, DeliveredQuantity: "1.5", Price: 99.5, VAT: 12, Description: "Fritext" });
  });

  it("leaves blank header fields to Fortnox's predefined values", () => {
    expect(invoiceBody({ customerNumber: "7", invoiceDate: null, rows: [{ articleNumber: "A", quantity: 1 }] })).toEqual({ Invoice: { CustomerNumber: "7", InvoiceRows: [{ ArticleNumber: "A", DeliveredQuantity: "1" }] } });
  });
});

// Every key Brygga sends must exist in the official spec, with the spec's JSON type.
const SPEC_PATH = path.resolve(import.meta.dirname, "..", "..", "..", "..", "shared", "fortnox-openapi", "openapi-fortnox.json");
const hasSpec = existsSync(SPEC_PATH);
if (!hasSpec) console.warn(`SKIPPED: spec checks, ${SPEC_PATH} not found`);

describe.skipIf(!hasSpec)("bodies against the official OpenAPI spec", () => {
  type Prop = { type?: string; enum?: string[]; $ref?: string; items?: { $ref?: string } };
  type Schema = { properties: Record<string, Prop> };
  const schemas = hasSpec ? (JSON.parse(readFileSync(SPEC_PATH, "utf8")) as { components: { schemas: Record<string, Schema> } }).components.schemas : {};
  const byRef = (ref: string) => schemas[ref.split("/").pop()!]!;

  function check(body: Record<string, unknown>, schemaName: string) {
    const schema = schemas[schemaName];
    expect(schema, schemaName).toBeDefined();
    for (const [key, value] of Object.entries(body)) {
      const prop = schema!.properties[key];
      expect(prop, `${schemaName}.${key} is not in the spec`).toBeDefined();
      if (Array.isArray(value)) {
        const itemRef = prop!.items?.$ref;
        expect(itemRef, `${schemaName}.${key} items`).toBeDefined();
        for (const item of value) check(item as Record<string, unknown>, itemRef!.split("/").pop()!);
        continue;
      }
      const type = prop!.type === "integer" ? "number" : prop!.type;
      expect(typeof value, `${schemaName}.${key}`).toBe(type);
      if (prop!.type === "integer") expect(Number.isInteger(value), `${schemaName}.${key} integer`).toBe(true);
      if (prop!.enum) expect(prop!.enum, `${schemaName}.${key} enum`).toContain(value);
    }
  }

  it("customers: fortnox_Customer", () => {
    check(customerBody(fullCustomer, "create").Customer, "fortnox_Customer");
  });
  it("articles: fortnox_Article", () => {
    check(articleBody(fullArticle, "create").Article, "fortnox_Article");
  });
  it("invoices: fortnox_Invoice with rows from its InvoiceRows reference (fortnox_Invoice_InvoiceRow)", () => {
    const rowRef = schemas.fortnox_Invoice?.properties.InvoiceRows?.items?.$ref;
    expect(rowRef && byRef(rowRef)).toBeDefined();
    check(invoiceBody(fullInvoice).Invoice, "fortnox_Invoice");
  });
});
