import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { parseStockholm } from "../src/api/list-query";

import { startHarness, type Harness } from "./harness";

let h: Harness;
let token: string;
beforeAll(async () => {
  h = await startHarness({ rateLimit: { requests: 1000, windowMs: 1000 } }, { customers: 1234, articles: 5, invoices: 40 });
  token = (await h.connect()).access_token;
});
afterAll(async () => h.close());

async function page(path: string) {
  const res = await h.api(path, token);
  expect(res.status).toBe(200);
  return (await res.json()) as { Customers: { CustomerNumber: string }[]; MetaInformation: Record<string, number> };
}

describe("paging", () => {
  it("returns all 1,234 customers exactly once across pages of 500", async () => {
    const seen: string[] = [];
    let total = 0;
    for (let p = 1; ; p++) {
      const body = await page(`/3/customers?limit=500&page=${p}`);
      total = body.MetaInformation["@TotalPages"]!;
      expect(body.MetaInformation).toMatchObject({ "@TotalResources": 1234, "@CurrentPage": p });
      seen.push(...body.Customers.map((c) => c.CustomerNumber));
      if (p >= total) break;
    }
    expect(total).toBe(3);
    expect(seen).toHaveLength(1234);
    expect(new Set(seen).size).toBe(1234);
  });

  it("defaults to 100 per page, sorts numerically, and honours sortorder and offset", async () => {
    const def = await page("/3/customers");
    expect(def.Customers).toHaveLength(100);
    expect(def.Customers.slice(0, 3).map((c) => c.CustomerNumber)).toEqual(["1", "2", "3"]);
    const desc = await page("/3/customers?sortby=customernumber&sortorder=descending&limit=2");
    expect(desc.Customers.map((c) => c.CustomerNumber)).toEqual(["1234", "1233"]);
    const off = await page("/3/customers?limit=2&offset=10");
    expect(off.Customers.map((c) => c.CustomerNumber)).toEqual(["11", "12"]);
    const beyond = await page("/3/customers?limit=500&page=9");
    expect(beyond.Customers).toEqual([]);
  });
});

describe("lastmodified (Swedish local time, no offset)", () => {
  it("parses wall-clock time in Stockholm across DST", () => {
    expect(parseStockholm("2026-01-15 10:00")!.toISOString()).toBe("2026-01-15T09:00:00.000Z");
    expect(parseStockholm("2026-07-15 10:00")!.toISOString()).toBe("2026-07-15T08:00:00.000Z");
    expect(parseStockholm("2026-03-29 03:30")!.toISOString()).toBe("2026-03-29T01:30:00.000Z");
    expect(parseStockholm("2026-10-25 01:59")!.toISOString()).toBe("2026-10-24T23:59:00.000Z");
    expect(parseStockholm("2026-10-25 03:00")!.toISOString()).toBe("2026-10-25T02:00:00.000Z");
    expect(parseStockholm("25/10/2026")).toBeNull();
  });

  it("returns only records changed at or after the given minute", async () => {
    await h.control("POST", "/clock", { advanceMs: 3_600_000 });
    token = (await h.connect()).access_token;
    const { now } = await h.control<{ now: string }>("GET", "/clock");
    const { touched } = await h.control<{ touched: string[] }>("POST", `/databases/${h.tenantId}/touch`, { resource: "customers", count: 7 });
    const minute = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm", dateStyle: "short", timeStyle: "short" }).format(new Date(now));
    const changed = await page(`/3/customers?lastmodified=${encodeURIComponent(minute)}&limit=500`);
    expect(changed.Customers.map((c) => c.CustomerNumber).sort()).toEqual([...touched].sort());
    expect((await h.api("/3/customers?lastmodified=yesterday", token)).status).toBe(400);
  });
});
