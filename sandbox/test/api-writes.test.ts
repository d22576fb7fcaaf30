import { describe, expect, it } from "vitest";

import { BASE, call, makeDb, NOW, ok, type Event } from "./api-context";

const later = new Date(NOW.getTime() + 60_000);

describe("customers: create, update, delete", () => {
  it("creates with an auto number (201), fills defaults, stamps lastModified and emits", () => {
    const db = makeDb();
    const events: Event[] = [];
    const r = call(db, "POST", "/3/customers", { body: { Customer: { Name: "Gotlands Glas AB", City: "Visby", InvoiceDiscount: "2.5" } }, events, now: later });
    const c = ok(r, 201).Customer as Record<string, unknown>;
    expect(c).toMatchObject({ "@url": `${BASE}/3/customers/21`, CustomerNumber: "21", Name: "Gotlands Glas AB", City: "Visby", InvoiceDiscount: 2.5, Active: true, CountryCode: "SE", Currency: "SEK", Type: "COMPANY", Email: "" });
    expect(db.customers.get("21")!.lastModified).toEqual(later);
    expect(events).toEqual([{ topic: "customers", type: "customer-created-v1", entityId: "21" }]);
    expect(ok(call(db, "GET", "/3/customers/21")).Customer).toEqual(c);
  });

  it("accepts a chosen number, refuses a used one, and keeps a deleted number reserved (2000637)", () => {
    const db = makeDb();
    expect(ok(call(db, "POST", "/3/customers", { body: { Customer: { Name: "Tillfällig AB", CustomerNumber: "K-77" } } }), 201)).toBeTruthy();
    expect(call(db, "POST", "/3/customers", { body: { Customer: { Name: "Dubblett AB", CustomerNumber: "K-77" } } }).error).toEqual({ code: 2000637, message: "Kundnummer K-77 används redan." });
    const events: Event[] = [];
    const del = call(db, "DELETE", "/3/customers/K-77", { events });
    expect(del).toMatchObject({ status: 204, body: undefined });
    expect(events).toEqual([{ topic: "customers", type: "customer-deleted-v1", entityId: "K-77" }]);
    expect(call(db, "GET", "/3/customers/K-77").error).toEqual({ code: 2000433, message: "Kan inte hitta kunden." });
    expect(call(db, "GET", "/3/customers/K-77").status).toBe(404);
    expect(call(db, "POST", "/3/customers", { body: { Customer: { Name: "Ny AB", CustomerNumber: "K-77" } } }).error).toEqual({
      code: 2000637,
      message: "Kundnummer K-77 används redan. Kundnumret har redan använts men blivit raderat.",
    });
    // Auto-numbering skips reserved numbers too.
    call(db, "POST", "/3/customers", { body: { Customer: { Name: "A", CustomerNumber: "21" } } });
    call(db, "DELETE", "/3/customers/21");
    expect((ok(call(db, "POST", "/3/customers", { body: { Customer: { Name: "B" } } }), 201).Customer as Record<string, unknown>).CustomerNumber).toBe("22");
  });

  it("updates partially, never changes the number, and emits customer-updated-v1", () => {
    const db = makeDb();
    const before = { ...db.customers.get("5")!.data };
    const events: Event[] = [];
    const r = call(db, "PUT", "/3/customers/5", { body: { Customer: { City: "Slite", CustomerNumber: "999", "@url": "ignored" } }, events, now: later });
    const c = ok(r).Customer as Record<string, unknown>;
    expect(c).toEqual({ "@url": `${BASE}/3/customers/5`, ...before, City: "Slite" });
    expect(db.customers.has("999")).toBe(false);
    expect(db.customers.get("5")!.lastModified).toEqual(later);
    expect(events).toEqual([{ topic: "customers", type: "customer-updated-v1", entityId: "5" }]);
    // Sub-objects are patched, not replaced.
    const dt = ok(call(db, "PUT", "/3/customers/5", { body: { Customer: { DefaultDeliveryTypes: { Invoice: "PRINT" } } } })).Customer as Record<string, Record<string, unknown>>;
    expect(dt.DefaultDeliveryTypes).toEqual({ ...(before.DefaultDeliveryTypes as object), Invoice: "PRINT" });
    expect(call(db, "PUT", "/3/customers/nobody", { body: { Customer: { City: "x" } } }).status).toBe(404);
  });

  it("validates bodies the way Fortnox does", () => {
    const db = makeDb();
    const err = (body: unknown, method = "POST", path = "/3/customers") => call(db, method, path, { body }).error;
    expect(err(undefined)?.code).toBe(2001392);
    expect(err({ Name: "No wrapper AB" })?.code).toBe(2001392);
    expect(err({ Customer: [] })?.code).toBe(2001392);
    expect(err({ Customer: { City: "Visby" } })).toMatchObject({ code: 2000729, message: expect.stringContaining("Name") as unknown });
    expect(err({ Customer: { Name: "  " } })?.code).toBe(2000729);
    expect(err({ Customer: { Name: "X", Nme: "typo" } })).toEqual({ code: 2001399, message: "Felaktigt fältnamn" });
    expect(err({ Customer: { Name: "X", InvoiceDiscount: "tio" } })).toEqual({ code: 2000108, message: "Värdet måste vara numeriskt (InvoiceDiscount)" });
    expect(err({ Customer: { Name: "X", Active: "yes" } })).toEqual({ code: 2000134, message: "Värdet måste vara en boolean (Active)" });
    expect(err({ Customer: { Name: "X", City: { a: 1 } } })?.code).toBe(2000106);
    expect(err({ Customer: { Name: "X", Type: "ALIEN" } })?.code).toBe(2000359);
    expect(err({ Customer: { Name: "X", ZipCode: "12345678901" } })?.code).toBe(2000359);
    expect(err({ Customer: { Name: "X", DefaultDeliveryTypes: { Invoice: "FAX" } } })?.code).toBe(2000359);
    expect(err({ Customer: { Name: "" } }, "PUT", "/3/customers/1")?.code).toBe(2000729);
    // Read-only fields are ignored rather than refused: clients PUT back what they GET.
    const got = ok(call(db, "GET", "/3/customers/2")).Customer;
    expect(ok(call(db, "PUT", "/3/customers/2", { body: { Customer: got } })).Customer).toEqual(got);
  });

  it("treats null and empty values that the spec forbids as unset", () => {
    const db = makeDb();
    const c = ok(call(db, "PUT", "/3/customers/1", { body: { Customer: { Address1: "", Comments: null, GLN: null, InvoiceDiscount: null } } })).Customer as Record<string, unknown>;
    expect("Address1" in c).toBe(false);
    expect(c.Comments).toBe("");
    expect("GLN" in c).toBe(false);
    expect(c.InvoiceDiscount).toBe(0);
  });
});

describe("articles: create, update, delete", () => {
  it("creates with an auto number, derived stock figures and the predefined sales account", () => {
    const db = makeDb();
    const events: Event[] = [];
    const a = ok(call(db, "POST", "/3/articles", { body: { Article: { Description: "Ekologiskt kaffe 500 g", SalesPrice: 89, VAT: 12, QuantityInStock: 10, PurchasePrice: "40.5", StockValue: 1 } }, events }), 201).Article as Record<string, unknown>;
    expect(a).toMatchObject({ "@url": `${BASE}/3/articles/11`, ArticleNumber: "11", SalesPrice: 89, VAT: 12, SalesAccount: 3002, DisposableQuantity: 10, StockValue: 405, Active: true, Type: "STOCK" });
    expect(events).toEqual([{ topic: "articles", type: "article-created-v1", entityId: "11" }]);
    expect(call(db, "POST", "/3/articles", { body: { Article: { Description: "Dubblett", ArticleNumber: "11" } } }).error).toEqual({ code: 2000013, message: "Artikelnummer används redan" });
    expect(call(db, "POST", "/3/articles", { body: { Article: { SalesPrice: 5 } } }).error).toMatchObject({ code: 2000729, message: expect.stringContaining("Description") as unknown });
    expect(call(db, "POST", "/3/articles", { body: { Article: { Description: "x".repeat(201) } } }).error?.code).toBe(2000359);
    expect(call(db, "POST", "/3/articles", { body: { Article: { Description: "Konto", SalesAccount: 12 } } }).error?.code).toBe(2000359);
    expect(call(db, "POST", "/3/articles", { body: { Article: { Description: "Vikt", Weight: 1.5 } } }).error?.code).toBe(2000108);
  });

  it("updates partially (number fixed, stock recomputed) and deletes with 204", () => {
    const db = makeDb();
    const events: Event[] = [];
    const a = ok(call(db, "PUT", "/3/articles/2", { body: { Article: { SalesPrice: 95, ArticleNumber: "X", QuantityInStock: 3 } }, events, now: later })).Article as Record<string, unknown>;
    expect(a).toMatchObject({ ArticleNumber: "2", SalesPrice: 95, QuantityInStock: 3, DisposableQuantity: 3 - Number(a.ReservedQuantity) });
    expect(db.articles.get("2")!.lastModified).toEqual(later);
    expect(call(db, "DELETE", "/3/articles/2", { events })).toMatchObject({ status: 204, body: undefined });
    expect(events.map((e) => e.type)).toEqual(["article-updated-v1", "article-deleted-v1"]);
    expect(call(db, "GET", "/3/articles/2").error).toEqual({ code: 2000428, message: "Kan inte hitta artikeln." });
    expect(call(db, "DELETE", "/3/articles/2").status).toBe(404);
  });

  it("lists numbers as strings where the spec's ArticleListItem says so", () => {
    const db = makeDb();
    const item = (ok(call(db, "GET", "/3/articles?articlenumber=1")).Articles as Record<string, unknown>[])[0]!;
    for (const f of ["SalesPrice", "PurchasePrice", "VAT", "StockValue", "DisposableQuantity", "ReservedQuantity"]) expect(typeof item[f], f).toBe("string");
    expect(typeof item.QuantityInStock).toBe("number");
  });
});

describe("company, me and settings", () => {
  it("identify the company (DatabaseNumber = tenant, int here and string in settings) and the user", () => {
    const db = makeDb();
    const info = ok(call(db, "GET", "/3/companyinformation")).CompanyInformation as Record<string, unknown>;
    expect(info).toMatchObject({ DatabaseNumber: 4242, CompanyName: db.company.CompanyName, OrganizationNumber: db.company.OrganizationNumber });
    const me = ok(call(db, "GET", "/3/me")).MeInformation as Record<string, unknown>;
    expect(me).toEqual({ Id: db.users[0]!.id, Name: db.users[0]!.name, Email: db.users[0]!.email, SysAdmin: db.users[0]!.sysAdmin, Locale: db.users[0]!.locale });
    expect((ok(call(db, "GET", "/3/settings/company")).CompanySettings as Record<string, unknown>).DatabaseNumber).toBe("4242");
  });
});
