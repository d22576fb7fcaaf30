import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createSandbox } from "../src/server";

import { startHarness, type Harness } from "./harness";
import { call, developerApp, registerDeveloper } from "./portal-kit";

/** Per-app statistics from real /3 traffic, the sandbox clock, and persistence of the developer side. */

interface Stats {
  connectedCompanies: number;
  activeLast30Days: number;
  totals: { requests: number; rateLimited: number; errors: number };
  perDay: { day: string; requests: number }[];
  subscriptions: { active: number; total: number };
  revenue: { monthly: number; developerShareMonthly: number; toDate: number; developerShareToDate: number };
}

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ rateLimit: { requests: 4, windowMs: 60_000 } }, "tiny");
}, 60_000);
afterAll(async () => h.close());

const stats = async (clientId = h.app.clientId) => (await call<Stats>(h.url, "GET", `/apps/${clientId}/stats`)).json;
const DAY = 24 * 3600_000;

describe("statistics", () => {
  it("counts requests, 429s and errors per day, connected and active companies", async () => {
    expect(await stats()).toMatchObject({ connectedCompanies: 0, activeLast30Days: 0, totals: { requests: 0, rateLimited: 0, errors: 0 } });
    const { access_token, refresh_token } = await h.connect();
    expect((await stats()).connectedCompanies).toBe(1);
    for (let i = 0; i < 3; i++) expect((await h.api("/3/customers", access_token)).status).toBe(200);
    expect((await h.api("/3/customers/999999", access_token)).status).toBe(404);
    expect((await h.api("/3/customers", access_token)).status).toBe(429);
    expect((await h.api("/3/customers", "not-a-token")).status).toBe(401); // no app to count it for
    const s = await stats();
    expect(s.totals).toEqual({ requests: 5, rateLimited: 1, errors: 1 });
    expect(s.perDay).toHaveLength(30);
    expect(s.perDay.at(-1)!.requests).toBe(5);
    expect(s.activeLast30Days).toBe(1);

    await h.control("POST", "/clock", { advanceMs: 31 * DAY });
    const later = await stats();
    expect(later.activeLast30Days).toBe(0);
    expect(later.totals.requests).toBe(0);
    expect(later.connectedCompanies).toBe(1); // the refresh token lives 45 days
    await h.control("POST", "/clock", { advanceMs: 15 * DAY });
    expect((await stats()).connectedCompanies).toBe(0);
    expect(refresh_token).toBeTruthy();
  });

  it("drops a company whose connection is revoked; service-account consents count as connected", async () => {
    const { refresh_token } = await h.connect();
    expect((await stats()).connectedCompanies).toBe(1);
    const res = await fetch(`${h.url}/oauth-v1/revoke`, { method: "POST", headers: { authorization: h.basic(), "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ token: refresh_token! }) });
    expect(res.status).toBe(200);
    expect((await stats()).connectedCompanies).toBe(0);
    await h.connect({ service: true });
    expect((await stats()).connectedCompanies).toBe(1);
  });

  it("shows subscriptions and revenue with the developer's 75 % share", async () => {
    const dev = await registerDeveloper(h);
    const app = await developerApp(h, dev.id);
    await h.control("POST", `/apps/${app.clientId}/publish`, { mode: "purchasable", monthlyPrice: 199 });
    const db = await h.control<{ tenantId: number; users: { id: string }[] }>("POST", "/databases", { seed: "empty" });
    await h.control("POST", `/appmarket/apps/${app.clientId}/purchase`, { tenantId: db.tenantId, userId: db.users[0]!.id });
    expect(await stats(app.clientId)).toMatchObject({ subscriptions: { active: 1, total: 1 }, revenue: { monthly: 199, developerShareMonthly: 149.25, toDate: 199, developerShareToDate: 149.25 } });
    await h.control("POST", "/clock", { advanceMs: 31 * DAY });
    expect((await stats(app.clientId)).revenue).toMatchObject({ monthly: 199, toDate: 398, developerShareToDate: 298.5 });
    const all = await call<{ clientId: string }[]>(h.url, "GET", `/developers/${dev.id}/stats`);
    expect(all.json.map((x) => x.clientId)).toEqual([app.clientId]);
  });
});

describe("persistence", () => {
  it("keeps developers, app settings, publications, subscriptions, ratings and login details across a restart", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "sandbox-portal-"));
    try {
      const a = await createSandbox({ dataDir: dir });
      const dev = (await call<{ id: string }>(a.url, "POST", "/developers", { name: "Per", email: "per@example.se", company: "Per AB", acceptChangePolicy: true })).json;
      const app = (await call<{ clientId: string }>(a.url, "POST", "/apps", { name: "Kvar", redirectUris: ["http://localhost:1/cb"], scopes: ["invoice"], developerId: dev.id, description: "Finns kvar", landingUrl: "http://localhost:1/activate" })).json;
      await call(a.url, "POST", `/apps/${app.clientId}/publish`, { mode: "purchasable", monthlyPrice: 49 });
      const db = (await call<{ tenantId: number; users: { id: string }[]; credentials: unknown }>(a.url, "POST", "/databases", { seed: "empty", developerId: dev.id })).json;
      await call(a.url, "POST", `/appmarket/apps/${app.clientId}/purchase`, { tenantId: db.tenantId, userId: db.users[0]!.id });
      await call(a.url, "PUT", `/appmarket/apps/${app.clientId}/ratings`, { tenantId: db.tenantId, userId: db.users[0]!.id, stars: 4 });
      await a.close();

      const b = await createSandbox({ dataDir: dir });
      try {
        expect((await call(b.url, "GET", `/developers/${dev.id}`)).json).toMatchObject({ email: "per@example.se" });
        expect((await call(b.url, "GET", `/apps/${app.clientId}`)).json).toMatchObject({ developerId: dev.id, description: "Finns kvar", publication: { mode: "purchasable", monthlyPrice: 49 } });
        expect((await call(b.url, "GET", `/appmarket/apps/${app.clientId}`)).json).toMatchObject({ rating: { average: 4, count: 1 }, activeCustomers: 1 });
        expect((await call<unknown[]>(b.url, "GET", `/appmarket/subscriptions?clientId=${app.clientId}`)).json).toHaveLength(1);
        expect((await call(b.url, "GET", `/databases/${db.tenantId}`)).json).toMatchObject({ developerId: dev.id, credentials: db.credentials });
      } finally {
        await b.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
