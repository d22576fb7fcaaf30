import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startHarness, type Harness } from "./harness";
import { call, developerApp, LANDING, registerDeveloper } from "./portal-kit";

/** The App Market over the control API: publishing, purchases, ratings, the recommendation rule. */

let h: Harness;
let dev: { id: string };
beforeAll(async () => {
  h = await startHarness({}, "empty");
  dev = await registerDeveloper(h);
}, 60_000);
afterAll(async () => h.close());

interface Db {
  tenantId: number;
  users: { id: string }[];
}
const newCompany = () => h.control<Db>("POST", "/databases", { seed: "empty" });

describe("publishing", () => {
  it("needs an owner, a landing page and a description; purchasable needs a price", async () => {
    const script = await h.control<{ clientId: string }>("POST", "/apps", { name: "Skript", redirectUris: ["http://localhost:1/cb"], scopes: ["customer"] });
    expect((await call(h.url, "POST", `/apps/${script.clientId}/publish`, { mode: "activatable" })).status).toBe(409);
    const bare = await developerApp(h, dev.id, { landingUrl: undefined, description: undefined });
    const noLanding = await call(h.url, "POST", `/apps/${bare.clientId}/publish`, { mode: "activatable" }, { "accept-language": "sv" });
    expect(noLanding.status).toBe(409);
    expect(noLanding.json.error).toMatch(/landningssida/);
    await h.control("PATCH", `/apps/${bare.clientId}`, { landingUrl: LANDING });
    expect((await call(h.url, "POST", `/apps/${bare.clientId}/publish`, { mode: "activatable" })).json.error).toMatch(/description/);
    await h.control("PATCH", `/apps/${bare.clientId}`, { description: "Beskriven" });
    expect((await call(h.url, "POST", `/apps/${bare.clientId}/publish`, { mode: "purchasable" })).status).toBe(400);
    expect((await call(h.url, "POST", `/apps/${bare.clientId}/publish`, { mode: "purchasable", monthlyPrice: 9.999 })).status).toBe(400);
    expect((await call(h.url, "POST", `/apps/${bare.clientId}/publish`, { mode: "activatable", monthlyPrice: 10 })).status).toBe(400);
    const ok = await call<{ publication: { mode: string; monthlyPrice: number } }>(h.url, "POST", `/apps/${bare.clientId}/publish`, { mode: "purchasable", monthlyPrice: 149.5 });
    expect(ok.json.publication).toMatchObject({ mode: "purchasable", monthlyPrice: 149.5 });
    expect((await call(h.url, "PATCH", `/apps/${bare.clientId}`, { landingUrl: null })).status).toBe(409);
    const listed = await call<{ clientId: string; vendor: string; landingUrl: string }[]>(h.url, "GET", "/appmarket/apps");
    expect(listed.json.find((l) => l.clientId === bare.clientId)).toMatchObject({ landingUrl: LANDING, vendor: expect.stringMatching(/Kodbolaget/) as unknown });
    await h.control("POST", `/apps/${bare.clientId}/unpublish`);
    expect((await call(h.url, "GET", `/appmarket/apps/${bare.clientId}`)).status).toBe(404);
  });
});

describe("purchases", () => {
  it("buys a purchasable app for a company user once, at the app's price, and cancels", async () => {
    const app = await developerApp(h, dev.id);
    await h.control("POST", `/apps/${app.clientId}/publish`, { mode: "purchasable", monthlyPrice: 199 });
    const db = await newCompany();
    const bought = await call<{ subscription: { id: string; monthlyPrice: number; tenantId: number; active: boolean }; landingUrl: string }>(h.url, "POST", `/appmarket/apps/${app.clientId}/purchase`, { tenantId: db.tenantId, userId: db.users[0]!.id });
    expect(bought.status).toBe(201);
    expect(bought.json).toMatchObject({ landingUrl: LANDING, subscription: { monthlyPrice: 199, tenantId: db.tenantId, active: true } });
    const twice = await call(h.url, "POST", `/appmarket/apps/${app.clientId}/purchase`, { tenantId: db.tenantId, userId: db.users[0]!.id });
    expect(twice.status).toBe(409);
    // A later price change does not reprice an existing subscription.
    await h.control("POST", `/apps/${app.clientId}/publish`, { mode: "purchasable", monthlyPrice: 299 });
    const subs = await call<{ monthlyPrice: number }[]>(h.url, "GET", `/appmarket/subscriptions?clientId=${app.clientId}`);
    expect(subs.json.map((s) => s.monthlyPrice)).toEqual([199]);
    const cancelled = await call<{ active: boolean }>(h.url, "DELETE", `/appmarket/subscriptions/${bought.json.subscription.id}`);
    expect(cancelled.json.active).toBe(false);
    expect((await call(h.url, "DELETE", `/appmarket/subscriptions/${bought.json.subscription.id}`)).status).toBe(409);
    expect((await call(h.url, "POST", `/appmarket/apps/${app.clientId}/purchase`, { tenantId: db.tenantId, userId: db.users[0]!.id })).status).toBe(201);
  });

  it("refuses activatable apps, unknown companies and users, another company's user, locked companies and bad bodies", async () => {
    const act = await developerApp(h, dev.id);
    await h.control("POST", `/apps/${act.clientId}/publish`, { mode: "activatable" });
    const [a, b] = [await newCompany(), await newCompany()];
    expect((await call(h.url, "POST", `/appmarket/apps/${act.clientId}/purchase`, { tenantId: a.tenantId, userId: a.users[0]!.id })).status).toBe(409);
    const paid = await developerApp(h, dev.id);
    await h.control("POST", `/apps/${paid.clientId}/publish`, { mode: "purchasable", monthlyPrice: 50 });
    const buy = (body: unknown) => call(h.url, "POST", `/appmarket/apps/${paid.clientId}/purchase`, body);
    expect((await buy({ tenantId: 42, userId: "1" })).status).toBe(404);
    expect((await buy({ tenantId: a.tenantId, userId: "nobody" })).status).toBe(404);
    const foreign = b.users.find((u) => !a.users.some((x) => x.id === u.id));
    if (foreign) expect((await buy({ tenantId: a.tenantId, userId: foreign.id })).status).toBe(404);
    expect((await buy({ tenantId: "1", userId: "1" })).status).toBe(400);
    expect((await buy({ tenantId: a.tenantId, userId: a.users[0]!.id, price: 0 })).status).toBe(400);
    await h.control("PATCH", `/databases/${b.tenantId}`, { locked: true });
    expect((await buy({ tenantId: b.tenantId, userId: b.users[0]!.id })).status).toBe(409);
    expect((await call(h.url, "POST", "/appmarket/apps/nope/purchase", { tenantId: a.tenantId, userId: "1" })).status).toBe(404);
  });
});

describe("ratings and recommendations", () => {
  it("accepts one rating per company user from customers only; a new rating replaces it", async () => {
    const app = await developerApp(h, dev.id);
    await h.control("POST", `/apps/${app.clientId}/publish`, { mode: "purchasable", monthlyPrice: 10 });
    const db = await newCompany();
    const rate = (stars: unknown, userIndex = 0) => call<{ summary: { average: number; count: number } }>(h.url, "PUT", `/appmarket/apps/${app.clientId}/ratings`, { tenantId: db.tenantId, userId: db.users[userIndex]!.id, stars });
    expect((await rate(4)).status).toBe(409); // not a customer yet
    await h.control("POST", `/appmarket/apps/${app.clientId}/purchase`, { tenantId: db.tenantId, userId: db.users[0]!.id });
    expect((await rate(6)).status).toBe(400);
    expect((await rate(2.5)).status).toBe(400);
    const first = await rate(4);
    expect(first.status).toBe(201);
    const replaced = await rate(2);
    expect(replaced.status).toBe(200);
    expect(replaced.json.summary).toEqual({ average: 2, count: 1 });
    expect((await rate(5, 1)).json.summary).toEqual({ average: 3.5, count: 2 });
  });

  it("recommends only apps with at least 10 active customers and an average of at least 3.0", async () => {
    const app = await developerApp(h, dev.id, { name: "Populär" });
    await h.control("POST", `/apps/${app.clientId}/publish`, { mode: "purchasable", monthlyPrice: 99 });
    const recommended = async () => (await call<{ clientId: string }[]>(h.url, "GET", "/appmarket/recommended")).json.some((l) => l.clientId === app.clientId);
    const dbs: Db[] = [];
    for (let i = 0; i < 9; i++) {
      const db = await newCompany();
      dbs.push(db);
      await h.control("POST", `/appmarket/apps/${app.clientId}/purchase`, { tenantId: db.tenantId, userId: db.users[0]!.id });
      await h.control("PUT", `/appmarket/apps/${app.clientId}/ratings`, { tenantId: db.tenantId, userId: db.users[0]!.id, stars: 3 });
    }
    expect(await recommended()).toBe(false); // 9 customers
    // The tenth customer connects (a live refresh token) instead of buying.
    const tenth = await newCompany();
    h.sb.sandbox.state.issueRefreshToken({ clientId: app.clientId, tenantId: tenth.tenantId, userId: tenth.users[0]!.id, scopes: ["invoice"], expiresAt: Date.now() + 3600_000 });
    expect(await recommended()).toBe(true); // 10 customers, average 3.0
    await h.control("PUT", `/appmarket/apps/${app.clientId}/ratings`, { tenantId: tenth.tenantId, userId: tenth.users[0]!.id, stars: 2 });
    expect(await recommended()).toBe(false); // average 2.9
    await h.control("PUT", `/appmarket/apps/${app.clientId}/ratings`, { tenantId: tenth.tenantId, userId: tenth.users[0]!.id, stars: 4 });
    expect(await recommended()).toBe(true);
    await h.control("DELETE", `/databases/${dbs[0]!.tenantId}`);
    expect(await recommended()).toBe(false); // a deleted company is no customer
  }, 60_000);
});
