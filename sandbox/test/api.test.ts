import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startHarness, type Harness } from "./harness";
import { specAvailable, SPEC_PATH, validatorFor } from "./seed-openapi";

/**
 * Every implemented /3 operation, with each response validated against Fortnox's official
 * OpenAPI schemas (list envelopes additionally must carry integer MetaInformation).
 */

let h: Harness;
let token: string;
beforeAll(async () => {
  h = await startHarness({ rateLimit: { requests: 1000, windowMs: 1000 } }, "small");
  token = (await h.connect()).access_token;
});
afterAll(async () => h.close());

if (!specAvailable) console.warn(`[sandbox] Spec validation SKIPPED: ${SPEC_PATH} not found (CI always has it).`);

function conforms(schema: string, value: unknown) {
  if (!specAvailable) return;
  const validate = validatorFor(`fortnox_${schema}`);
  expect(validate(value), `${schema}: ${JSON.stringify(validate.errors?.slice(0, 3))}`).toBe(true);
}

async function json(res: Response, status = 200) {
  expect(res.status).toBe(status);
  return (await res.json()) as Record<string, unknown>;
}

function listConforms(body: Record<string, unknown>, key: string, itemSchema: string) {
  const meta = body.MetaInformation as Record<string, unknown>;
  for (const k of ["@TotalResources", "@TotalPages", "@CurrentPage"]) expect(Number.isInteger(meta[k])).toBe(true);
  const items = body[key] as unknown[];
  expect(items.length).toBeGreaterThan(0);
  for (const item of items) conforms(itemSchema, item);
}

const RESOURCES = [
  { path: "customers", list: "Customers", item: "CustomerListItem", single: "Customer", schema: "Customer", number: "CustomerNumber", create: { Name: "Testbolaget i Visby AB", OrganisationNumber: "556036-0793", City: "Visby" }, update: { City: "Slite" } },
  { path: "articles", list: "Articles", item: "ArticleListItem", single: "Article", schema: "Article", number: "ArticleNumber", create: { Description: "Ekologiskt kaffe 500 g", SalesPrice: 89, VAT: 12 }, update: { SalesPrice: 95 } },
] as const;

describe.each(RESOURCES)("/3/$path", (r) => {
  it("lists, gets, creates (201), updates and deletes (204) in spec shape", async () => {
    const list = await json(await h.api(`/3/${r.path}`, token));
    listConforms(list, r.list, r.item);
    const first = (list[r.list] as Record<string, unknown>[])[0]!;
    expect(first["@url"]).toBe(`${h.url}/3/${r.path}/${String(first[r.number])}`);
    const one = await json(await h.api(`/3/${r.path}/${String(first[r.number])}`, token));
    conforms(r.schema, one[r.single]);
    const created = (await json(await h.api(`/3/${r.path}`, token, { method: "POST", body: JSON.stringify({ [r.single]: r.create }) }), 201))[r.single] as Record<string, unknown>;
    conforms(r.schema, created);
    const id = String(created[r.number]);
    const updated = (await json(await h.api(`/3/${r.path}/${id}`, token, { method: "PUT", body: JSON.stringify({ [r.single]: r.update }) })))[r.single] as Record<string, unknown>;
    expect(updated).toMatchObject(r.update);
    conforms(r.schema, updated);
    const del = await h.api(`/3/${r.path}/${id}`, token, { method: "DELETE" });
    expect(del.status).toBe(204);
    expect(await del.text()).toBe("");
    expect((await h.api(`/3/${r.path}/${id}`, token)).status).toBe(404);
  });
});

describe("/3/invoices", () => {
  it("lists and gets in spec shape, with rows that add up", async () => {
    const list = await json(await h.api("/3/invoices?limit=500", token));
    listConforms(list, "Invoices", "InvoiceListItem");
    const inv = (await json(await h.api("/3/invoices/1", token))).Invoice as Record<string, unknown>;
    conforms("Invoice", inv);
    expect(Array.isArray(inv.InvoiceRows)).toBe(true);
  });

  it("creates an invoice from a customer and articles, then bookkeeps, credits and marks it sent", async () => {
    const body = { Invoice: { CustomerNumber: "1", InvoiceRows: [{ ArticleNumber: "1", DeliveredQuantity: "2" }, { Description: "Frakt", Price: 100, AccountNumber: 3001, DeliveredQuantity: "1", VAT: 25 }] } };
    const created = (await json(await h.api("/3/invoices", token, { method: "POST", body: JSON.stringify(body) }), 201)).Invoice as Record<string, unknown>;
    conforms("Invoice", created);
    const n = String(created.DocumentNumber);
    expect(created.OCR).toMatch(new RegExp(`^${n}\\d\\d$`));
    const put = await json(await h.api(`/3/invoices/${n}`, token, { method: "PUT", body: JSON.stringify({ Invoice: { YourReference: "Karin" } }) }));
    conforms("Invoice", put.Invoice);
    const booked = (await json(await h.api(`/3/invoices/${n}/bookkeep`, token, { method: "PUT" }))).Invoice as Record<string, unknown>;
    expect(booked.Booked).toBe(true);
    conforms("Invoice", booked);
    expect((await h.api(`/3/invoices/${n}`, token, { method: "PUT", body: JSON.stringify({ Invoice: { YourReference: "x" } }) })).status).toBe(400);
    const credited = (await json(await h.api(`/3/invoices/${n}/credit`, token, { method: "PUT" }))).Invoice as Record<string, unknown>;
    const creditNo = String(credited.CreditInvoiceReference);
    const credit = (await json(await h.api(`/3/invoices/${creditNo}`, token))).Invoice as Record<string, unknown>;
    expect(credit).toMatchObject({ Credit: "true", CreditInvoiceReference: n, Total: -(created.Total as number) });
    conforms("Invoice", (await json(await h.api(`/3/invoices/${creditNo}/externalprint`, token, { method: "PUT" }))).Invoice);
    const cancelMe = (await json(await h.api("/3/invoices", token, { method: "POST", body: JSON.stringify(body) }), 201)).Invoice as Record<string, unknown>;
    const cancelled = (await json(await h.api(`/3/invoices/${String(cancelMe.DocumentNumber)}/cancel`, token, { method: "PUT" }))).Invoice as Record<string, unknown>;
    expect(cancelled.Cancelled).toBe(true);
    conforms("Invoice", cancelled);
  });

  it("answers 2001304 'Kunde inte hitta konto' for a row without account when no predefined account is set", async () => {
    await h.control("PATCH", `/databases/${h.tenantId}`, { predefinedAccounts: null });
    const res = await h.api("/3/invoices", token, { method: "POST", body: JSON.stringify({ Invoice: { CustomerNumber: "1", InvoiceRows: [{ Description: "Konsult", Price: 1000, DeliveredQuantity: "1" }] } }) });
    const error = await json(res, 400);
    expect(error).toEqual({ ErrorInformation: { error: 1, message: "Kunde inte hitta konto", code: 2001304 } });
    await h.control("PUT", "/quirks", { errorKeyCase: "capitalised" });
    const capitalised = await json(await h.api("/3/customers/nobody", token), 404);
    conforms("ErrorInformationWrap", capitalised);
    await h.control("PUT", "/quirks", { errorKeyCase: "lower" });
    await h.control("PATCH", `/databases/${h.tenantId}`, { restorePredefinedAccounts: true });
  });
});

describe("info endpoints", () => {
  it("companyinformation, me and settings/company in spec shape", async () => {
    const company = await json(await h.api("/3/companyinformation", token));
    conforms("CompanyInfo", company.CompanyInformation);
    expect((company.CompanyInformation as Record<string, unknown>).DatabaseNumber).toBe(h.tenantId);
    conforms("Me", (await json(await h.api("/3/me", token))).MeInformation);
    conforms("CompanySettings", (await json(await h.api("/3/settings/company", token))).CompanySettings);
  });
});

describe("errors as Fortnox sends them", () => {
  it("401 bodies for missing, bad and legacy credentials", async () => {
    expect(await json(await fetch(`${h.url}/3/customers`), 401)).toEqual({ message: "unauthorized" });
    expect(await json(await h.api("/3/customers", "not-a-jwt"), 401)).toEqual({ message: "unauthorized" });
    const legacy = await fetch(`${h.url}/3/customers`, { headers: { "Access-Token": "x", "Client-Secret": "y" } });
    expect((await json(legacy, 401)).ErrorInformation).toMatchObject({ code: 2000311 });
  });

  it("2000637 when reusing a deleted customer number; 2000588 for bad parameters; 2001399 for unknown fields", async () => {
    await h.api("/3/customers", token, { method: "POST", body: JSON.stringify({ Customer: { Name: "Tillfällig AB", CustomerNumber: "K-77" } }) });
    await h.api("/3/customers/K-77", token, { method: "DELETE" });
    const again = await json(await h.api("/3/customers", token, { method: "POST", body: JSON.stringify({ Customer: { Name: "Ny AB", CustomerNumber: "K-77" } }) }), 400);
    expect(again.ErrorInformation).toMatchObject({ code: 2000637 });
    expect((await json(await h.api("/3/customers?limit=501", token), 400)).ErrorInformation).toMatchObject({ code: 2000588 });
    expect((await json(await h.api("/3/invoices?filter=nonsense", token), 400)).ErrorInformation).toMatchObject({ code: 2000588 });
    expect((await json(await h.api("/3/customers", token, { method: "POST", body: JSON.stringify({ Customer: { Name: "X", Nme: "typo" } }) }), 400)).ErrorInformation).toMatchObject({ code: 2001399 });
  });

  it("403 2000663 for a scope the token lacks; 400 2001101 for a module the company has no licence for", async () => {
    const narrow = await h.authorize({ scope: "companyinformation" });
    const t = await h.token({ grant_type: "authorization_code", code: narrow.searchParams.get("code")!, redirect_uri: "http://localhost:3999/callback" });
    expect((await json(await h.api("/3/customers", t.json.access_token as string), 403)).ErrorInformation).toMatchObject({ code: 2000663 });
    await h.control("PATCH", `/databases/${h.tenantId}`, { licences: ["companyinformation", "profile", "customer", "article", "settings"] });
    expect((await json(await h.api("/3/invoices", token), 400)).ErrorInformation).toMatchObject({ code: 2001101 });
    await h.control("PATCH", `/databases/${h.tenantId}`, { licences: ["companyinformation", "profile", "customer", "article", "invoice", "settings"] });
  });
});
