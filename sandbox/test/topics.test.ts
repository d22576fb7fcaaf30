import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createSandbox } from "../src/server";

import { startHarness, type Harness } from "./harness";
import { open } from "./ws-client";

let h: Harness;
let token: string;
beforeAll(async () => {
  h = await startHarness({ rateLimit: { requests: 1000, windowMs: 1000 } });
  token = (await h.connect()).access_token;
});
afterAll(async () => h.close());

describe("WebSocket topics API", () => {
  it("handshakes, streams change events, and replays from an offset", async () => {
    const c = await open(h.url);
    c.send({ command: "add-tenants-v1", clientSecret: h.app.clientSecret, accessTokens: [token] });
    expect(await c.waitFor((m) => m.response === "add-tenants-v1")).toMatchObject({ result: "ok" });
    c.send({ command: "add-topics-v1", topics: [{ topic: "customers" }, { topic: "invoices" }] });
    await c.waitFor((m) => m.response === "add-topics-v1");
    c.send({ command: "subscribe-v1" });
    await c.waitFor((m) => m.response === "subscribe-v1");

    await h.api("/3/customers/1", token, { method: "PUT", body: JSON.stringify({ Customer: { City: "Kiruna" } }) });
    await h.api("/3/invoices/1/externalprint", token, { method: "PUT" });
    const first = await c.waitFor((m) => m.type === "customer-updated-v1");
    expect(first).toMatchObject({ topic: "customers", tenantId: h.tenantId, entityId: "1" });
    expect(first.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0[12]:00$/);
    await c.waitFor((m) => m.type === "invoice-externalprint-v1");
    c.ws.close();

    // A later connection replays everything after the offset it last saw.
    await h.api("/3/customers/2", token, { method: "PUT", body: JSON.stringify({ Customer: { City: "Luleå" } }) });
    const r = await open(h.url);
    r.send({ command: "add-tenants-v1", clientSecret: h.app.clientSecret, accessTokens: [token] });
    r.send({ command: "add-topics-v1", topics: [{ topic: "customers", offset: first.offset }] });
    r.send({ command: "subscribe-v1" });
    const replayed = await r.waitFor((m) => m.type === "customer-updated-v1" && m.entityId === "2");
    expect(replayed.offset! > first.offset!).toBe(true);
    expect(r.received.some((m) => m.entityId === "1" && m.type === "customer-updated-v1")).toBe(false);
    r.ws.close();
  });

  it("rejects a wrong client secret", async () => {
    const c = await open(h.url);
    c.send({ command: "add-tenants-v1", clientSecret: "wrong", accessTokens: [token] });
    expect(await c.waitFor((m) => m.response === "add-tenants-v1")).toMatchObject({ result: "error" });
    c.ws.close();
  });
});

describe("persistence (demo mode)", () => {
  it("keeps apps, databases, data and refresh tokens across a restart", async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), "sandbox-")), "state");
    const a = await createSandbox({ dataDir: dir, seedDemo: true });
    const dbs = [...a.sandbox.state.databases.keys()];
    const app = a.sandbox.state.createApp({ name: "Kvar", redirectUris: ["http://localhost:1/cb"], scopes: ["customer"], serviceAccounts: false });
    const refresh = a.sandbox.state.issueRefreshToken({ clientId: app.clientId, tenantId: dbs[0]!, userId: "u", scopes: ["customer"], expiresAt: Date.now() + 1e9 });
    await a.close();
    const b = await createSandbox({ dataDir: dir, seedDemo: true });
    expect([...b.sandbox.state.databases.keys()]).toEqual(dbs);
    expect(b.sandbox.state.apps.get(app.clientId)?.name).toBe("Kvar");
    expect(b.sandbox.state.refreshTokens.has(refresh)).toBe(true);
    expect(b.sandbox.state.databases.get(dbs[0]!)!.customers.get("1")!.lastModified).toBeInstanceOf(Date);
    await b.close();
  }, 30_000);
});
