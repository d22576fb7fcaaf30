import { afterAll, beforeEach, beforeAll, describe, expect, it } from "vitest";

import { startHarness, type Harness } from "./harness";

let h: Harness;
let token: string;
beforeAll(async () => {
  h = await startHarness();
  token = (await h.connect()).access_token;
});
afterAll(async () => h.close());
beforeEach(async () => {
  await h.control("PUT", "/faults", {});
  await h.control("PUT", "/quirks", { errorKeyCase: "lower", numbersAsStrings: false, emptyStringDates: false });
});

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("rate limit: 25 requests per sliding 5 s per client + tenant", () => {
  it("answers 429 with Retry-After on the 26th request, and lets requests in again as the window slides", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 26; i++) statuses.push((await h.api("/3/companyinformation", token)).status);
    expect(statuses.slice(0, 25).every((s) => s === 200)).toBe(true);
    const limited = await h.api("/3/companyinformation", token);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(statuses[25]).toBe(429);
    await pause(5100);
    expect((await h.api("/3/companyinformation", token)).status).toBe(200);
  }, 15_000);
});

describe("faults (test mode)", () => {
  it("error bursts answer 5xx ErrorInformation for the next N requests", async () => {
    await pause(5100);
    await h.control("PUT", "/faults", { errorBurst: { count: 2, status: 503 } });
    expect((await h.api("/3/companyinformation", token)).status).toBe(503);
    expect((await h.api("/3/companyinformation", token)).status).toBe(503);
    expect((await h.api("/3/companyinformation", token)).status).toBe(200);
  }, 10_000);

  it("429 storms, connection resets and latency", async () => {
    await h.control("PUT", "/faults", { rateLimitStorm: { count: 1 }, connectionResets: { count: 1 }, latencyMs: 150 });
    expect((await h.api("/3/companyinformation", token)).status).toBe(429);
    await expect(h.api("/3/companyinformation", token)).rejects.toThrow();
    const started = performance.now();
    expect((await h.api("/3/companyinformation", token)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it("refuses fault switches outside test mode", async () => {
    const demo = await startHarness({ testMode: false });
    try {
      await expect(demo.control("PUT", "/faults", { latencyMs: 10 })).rejects.toThrow(/test-mode/);
      await expect(demo.control("POST", "/clock", { advanceMs: 1 })).rejects.toThrow(/404/);
    } finally {
      await demo.close();
    }
  });
});

describe("quirks (test mode)", () => {
  it("capitalised error keys", async () => {
    await h.control("PUT", "/quirks", { errorKeyCase: "capitalised" });
    const body = (await (await h.api("/3/customers/does-not-exist", token)).json()) as Record<string, Record<string, unknown>>;
    expect(Object.keys(body.ErrorInformation!)).toEqual(["Error", "Message", "Code"]);
  });

  it("numbers as strings, and empty-string dates", async () => {
    await h.control("PUT", "/quirks", { numbersAsStrings: true, emptyStringDates: true });
    const inv = ((await (await h.api("/3/invoices/1", token)).json()) as { Invoice: Record<string, unknown> }).Invoice;
    expect(typeof inv.Total).toBe("string");
    expect(inv.FinalPayDate === "" || typeof inv.FinalPayDate === "string").toBe(true);
    expect(inv.LastRemindDate).toBe("");
    const list = (await (await h.api("/3/customers", token)).json()) as { MetaInformation: Record<string, unknown> };
    expect(typeof list.MetaInformation["@TotalResources"]).toBe("number");
  });
});

describe("request log", () => {
  it("records method, path, client, tenant and status, and can be cleared", async () => {
    await h.control("DELETE", "/requests");
    await h.api("/3/customers?limit=1", token);
    const log = await h.control<{ method: string; path: string; clientId: string; tenantId: number; status: number }[]>("GET", "/requests");
    expect(log).toEqual([expect.objectContaining({ method: "GET", path: "/3/customers?limit=1", clientId: h.app.clientId, tenantId: h.tenantId, status: 200 })]);
  });
});
