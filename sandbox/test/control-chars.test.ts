import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { loadState, saveState } from "../src/core/persistence";

import { startHarness, type Harness } from "./harness";
import { open } from "./ws-client";

/**
 * Fortnox stores a customer name containing U+0000 and returns it (JSON `\u0000`). The sandbox must
 * do the same on every path a client reads or writes, so clients can prove they survive it.
 */

const NUL_NAME = "Nul\u0000l & Söner AB";
const NASTY = "ctl:\u0001\u0008\u000b\u000c\u001b\u001f\u007f\u0085 sep:\u2028\u2029 bom:\ufeff tab:\t nl:\n";

type Json = Record<string, unknown>;

let h: Harness;
let token: string;
beforeAll(async () => {
  h = await startHarness({ rateLimit: { requests: 1000, windowMs: 1000 } });
  token = (await h.connect()).access_token;
});
afterAll(async () => h.close());

const customer = async (n: string) => {
  const res = await h.api(`/3/customers/${n}`, token);
  const text = await res.text();
  return { text, record: (JSON.parse(text) as { Customer: Json }).Customer };
};

describe("control characters round-trip", () => {
  let n = "";

  it("POST stores them and answers them escaped as JSON", async () => {
    const res = await h.api("/3/customers", token, { method: "POST", body: JSON.stringify({ Customer: { Name: NUL_NAME, Address1: NASTY } }) });
    expect(res.status).toBe(201);
    const text = await res.text();
    expect(text).toContain("Nul\\u0000l");
    const created = (JSON.parse(text) as { Customer: Json }).Customer;
    expect([created.Name, created.Address1]).toEqual([NUL_NAME, NASTY]);
    n = String(created.CustomerNumber);
    const again = await customer(n);
    expect(again.text).toContain("Nul\\u0000l");
    expect([again.record.Name, again.record.Address1]).toEqual([NUL_NAME, NASTY]);
  });

  it("lists and searches them", async () => {
    const all = (await (await h.api("/3/customers?limit=500", token)).json()) as { Customers: Json[] };
    expect(all.Customers.find((c) => c.CustomerNumber === n)?.Name).toBe(NUL_NAME);
    const found = (await (await h.api(`/3/customers?name=${encodeURIComponent("Nul\u0000l")}`, token)).json()) as { Customers: Json[] };
    expect(found.Customers.map((c) => c.Name)).toEqual([NUL_NAME]);
  });

  it("PUT changes them, and an invoice copies the customer's name as it is", async () => {
    const put = await h.api(`/3/customers/${n}`, token, { method: "PUT", body: JSON.stringify({ Customer: { Comments: "a\u0000b", City: "\u0000" } }) });
    expect(put.status).toBe(200);
    expect((await customer(n)).record).toMatchObject({ Comments: "a\u0000b", City: "\u0000", Name: NUL_NAME });
    const inv = await h.api("/3/invoices", token, { method: "POST", body: JSON.stringify({ Invoice: { CustomerNumber: n, InvoiceRows: [{ ArticleNumber: "1", DeliveredQuantity: "1" }] } }) });
    expect(inv.status).toBe(201);
    expect(((await inv.json()) as { Invoice: Json }).Invoice.CustomerName).toBe(NUL_NAME);
  });

  it("the control API's record PATCH and record list carry them, and the WebSocket event still flows", async () => {
    const ws = await open(h.url);
    ws.send({ command: "add-tenants-v1", clientSecret: h.app.clientSecret, accessTokens: [token] });
    ws.send({ command: "add-topics-v1", topics: [{ topic: "customers" }] });
    ws.send({ command: "subscribe-v1" });
    await ws.waitFor((m) => m.response === "subscribe-v1");
    const patched = await h.control<Json>("PATCH", `/databases/${h.tenantId}/records/customers/1`, { Name: "Första\u0000kunden", Address2: NASTY });
    expect(patched).toMatchObject({ Name: "Första\u0000kunden", Address2: NASTY });
    expect(await ws.waitFor((m) => m.type === "customer-updated-v1" && m.entityId === "1")).toMatchObject({ tenantId: h.tenantId });
    ws.ws.close();
    expect((await customer("1")).record).toMatchObject({ Name: "Första\u0000kunden", Address2: NASTY });
    const records = await h.control<{ id: string; data: Json }[]>("GET", `/databases/${h.tenantId}/records/customers`);
    expect(records.find((r) => r.id === "1")?.data.Name).toBe("Första\u0000kunden");
  });

  it("survives a save and load of the state", () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), "sandbox-nul-")), "state");
    saveState(dir, h.sb.sandbox.state);
    const loaded = loadState(dir).databases.get(h.tenantId)!;
    expect(loaded.customers.get(n)?.data).toMatchObject({ Name: NUL_NAME, Address1: NASTY, Comments: "a\u0000b" });
  });
});
