import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { testDatabases, type TestDatabase } from "@/lib/testing/databases";

import { createDemoRateLimiter, currentDemoSpeed, forgetDemoSpeed, scaledConfig } from "./speed";

const key = { clientId: "demo-client", tenantId: 1000001 };

describe("demo speed: the sandbox's scale, cached", () => {
  it("reads once per second, keeps the last known on failure, and ignores scales the switch does not offer", async () => {
    forgetDemoSpeed();
    let now = 0;
    let answer: () => Promise<number> = () => Promise.resolve(5);
    let reads = 0;
    const read = () => {
      reads++;
      return answer();
    };
    expect(await currentDemoSpeed(read, () => now)).toBe(5);
    expect(await currentDemoSpeed(read, () => now + 500)).toBe(5);
    expect(reads).toBe(1);
    now = 1_500;
    answer = () => Promise.reject(new Error("down"));
    expect(await currentDemoSpeed(read, () => now)).toBe(5);
    now = 3_000;
    answer = () => Promise.resolve(1000);
    expect(await currentDemoSpeed(read, () => now)).toBe(1);
    expect(reads).toBe(3);
    forgetDemoSpeed(10);
    expect(await currentDemoSpeed(read, Date.now)).toBe(10);
    forgetDemoSpeed();
  });

  it("scales the configured window", () => {
    expect(scaledConfig({ requests: 25, windowMs: 5000 }, 10)).toEqual({ requests: 25, windowMs: 500 });
    expect(scaledConfig({ requests: 25, windowMs: 250 }, 5)).toEqual({ requests: 25, windowMs: 50 });
  });
});

describe.each(testDatabases())("the demo limiter on $name", (factory) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await factory.create();
  });
  afterAll(async () => t?.dispose());

  it("budgets with the current speed's window; after slowing down it waits a whole new window first", async () => {
    let scale = 10;
    const limiter = createDemoRateLimiter(t.handle.db, { requests: 5, windowMs: 2_000 }, () => Promise.resolve(scale));
    const grants: number[] = [];
    // Each request is answered at once (a slot leaves one window after its answer).
    const send = async () => {
      const grant = await limiter.acquire(key);
      grant.finish();
      return grant.grantedAt;
    };
    // ×10: 5 per 200 ms. The sixth grant comes a 200 ms window after the first, not 2 s.
    for (let i = 0; i < 6; i++) grants.push(await send());
    expect(grants[5]! - grants[0]!).toBeGreaterThanOrEqual(200);
    // Back to ×1 (5 per 2 s): the sandbox now counts the ×10 burst over 2 s, so the next grant
    // comes a whole new window after the switch (the ×10 limiter already pruned its grants).
    scale = 1;
    const switched = Date.now();
    const slow = await send();
    expect(slow - switched).toBeGreaterThanOrEqual(1_990);
    expect(slow - grants[5]!).toBeGreaterThanOrEqual(1_990);
  });
});
