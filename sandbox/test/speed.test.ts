import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { SlidingWindowLimiter } from "../src/api/rate-limit";
import { effectiveRateLimit } from "../src/api/speed";
import { createSandbox } from "../src/server";

import { startHarness, type Harness } from "./harness";

/** The demo speed switch: GET/PUT /developer/api/speed scales the rate-limit window, in any mode, and persists. */

describe("speed endpoint", () => {
  let h: Harness;
  let token: string;
  beforeAll(async () => {
    // Demo mode (not test mode), and a window long enough that no request expires during the test.
    h = await startHarness({ testMode: false, rateLimit: { requests: 3, windowMs: 60_000 } });
    token = (await h.connect()).access_token;
  });
  afterAll(async () => h.close());

  it("reports Fortnox's window at scale 1 by default", async () => {
    const plain = await createSandbox();
    try {
      const res = await fetch(`${plain.url}/developer/api/speed`);
      expect(await res.json()).toEqual({ scale: 1, scales: [1, 2, 5, 10], requests: 25, windowMs: 5000, baseWindowMs: 5000 });
    } finally {
      await plain.close();
    }
  });

  it("scales the window the /3 limiter enforces, and reports it", async () => {
    expect(await h.control("PUT", "/speed", { scale: 10 })).toEqual({ scale: 10, scales: [1, 2, 5, 10], requests: 3, windowMs: 6000, baseWindowMs: 60_000 });
    expect(await h.control("GET", "/speed")).toMatchObject({ scale: 10, requests: 3, windowMs: 6000 });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await h.api("/3/companyinformation", token)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    // Retry-After follows the scaled window (≤ 6 s), not the configured one (60 s).
    const limited = await h.api("/3/companyinformation", token);
    expect(Number(limited.headers.get("retry-after"))).toBeLessThanOrEqual(6);
    await h.control("PUT", "/speed", { scale: 1 });
    expect(Number((await h.api("/3/companyinformation", token)).headers.get("retry-after"))).toBeGreaterThan(6);
  });

  it("refuses anything but one of the listed scales", async () => {
    for (const body of [{ scale: 3 }, { scale: "10" }, { scale: 0 }, { scale: 10, extra: true }, {}, null, [10]]) {
      await expect(h.control("PUT", "/speed", body), JSON.stringify(body)).rejects.toThrow(/→ 400 .*scale: must be one of 1, 2, 5, 10/);
    }
    const notJson = await fetch(`${h.url}/developer/api/speed`, { method: "PUT", headers: { "content-type": "application/json" }, body: "{" });
    expect(notJson.status).toBe(400);
    const post = await fetch(`${h.url}/developer/api/speed`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"scale":2}' });
    expect([post.status, post.headers.get("allow")]).toEqual([405, "GET, PUT"]);
    expect(await h.control("GET", "/speed")).toMatchObject({ scale: 1 });
  });
});

describe("the limiter follows the scale as it changes", () => {
  it("a request that scale 1 refuses passes at scale 10 once the shorter window has passed", () => {
    const sb = { rateLimit: { requests: 2, windowMs: 5000 }, state: { speedScale: 1 } } as unknown as Parameters<typeof effectiveRateLimit>[0];
    const limiter = new SlidingWindowLimiter(() => effectiveRateLimit(sb));
    expect([limiter.take("k", 0), limiter.take("k", 10)]).toEqual([0, 0]);
    expect(limiter.take("k", 600)).toBe(4400);
    sb.state.speedScale = 10;
    expect(limiter.take("k", 499)).toBe(1);
    expect(limiter.take("k", 600)).toBe(0);
    sb.state.speedScale = 7;
    // Not a listed scale (a hand-edited state file): Fortnox's window, not a guess.
    expect(effectiveRateLimit(sb)).toEqual({ requests: 2, windowMs: 5000 });
  });
});

describe("persistence", () => {
  it("keeps the speed across a restart from the same data directory", async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), "sandbox-speed-")), "state");
    const a = await createSandbox({ dataDir: dir });
    const put = await fetch(`${a.url}/developer/api/speed`, { method: "PUT", headers: { "content-type": "application/json" }, body: '{"scale":5}' });
    expect(put.status).toBe(200);
    await a.close();
    const b = await createSandbox({ dataDir: dir });
    try {
      expect(await (await fetch(`${b.url}/developer/api/speed`)).json()).toMatchObject({ scale: 5, windowMs: 1000 });
    } finally {
      await b.close();
    }
  });
});
