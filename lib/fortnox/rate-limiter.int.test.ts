import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { openDatabase, type Database, type DatabaseHandle } from "@/lib/db/client";
import { queryRows } from "@/lib/db/raw";
import { testDatabases, type TestDatabase } from "@/lib/testing/databases";

import { createRateLimiter, QUIET_WINDOWS, type RateLimitConfig, type RateLimitKey } from "./rate-limiter";

const CONFIG = { requests: 25, windowMs: 5000, safetyMarginMs: 100 } satisfies RateLimitConfig;
const SPAN = CONFIG.windowMs + CONFIG.safetyMarginMs;

/** Every worker loops acquire → record until `durationMs` has passed; returns the grant times. */
async function hammer(dbs: Database[], workersPerDb: number, key: RateLimitKey, durationMs: number) {
  const local: number[] = [];
  const server: number[] = [];
  const stop = new AbortController();
  const timer = setTimeout(() => stop.abort(new Error("done")), durationMs);
  const workers = dbs.flatMap((db) =>
    Array.from({ length: workersPerDb }, async () => {
      const limiter = createRateLimiter(db, CONFIG);
      for (;;) {
        try {
          const grant = await limiter.acquire(key, stop.signal);
          local.push(performance.now());
          server.push(grant.grantedAt);
        } catch (e) {
          if (stop.signal.aborted) return;
          throw e;
        }
      }
    }),
  );
  await Promise.all(workers);
  clearTimeout(timer);
  return { local: local.sort((a, b) => a - b), server: server.sort((a, b) => a - b) };
}

/** Sliding check: grant i and grant i-N must be at least `windowMs` apart. Returns the gaps. */
function windowGaps(times: number[], n: number): number[] {
  const gaps: number[] = [];
  for (let i = n; i < times.length; i++) gaps.push(times[i]! - times[i - n]!);
  return gaps;
}

describe.each(testDatabases())("rate limiter on $name", (factory) => {
  let t: TestDatabase;
  let second: DatabaseHandle | undefined;

  beforeAll(async () => {
    t = await factory.create();
    // On PostgreSQL a second pool stands in for a second process with its own connections.
    if (t.url) second = await openDatabase({ driver: "pg", url: t.url, poolSize: 4 });
  });
  afterAll(async () => {
    await second?.close();
    await t?.dispose();
  });

  it("never grants more than 25 in any 5-second window across instances, and keeps utilisation high", async () => {
    const dbs = second ? [t.handle.db, second.db] : [t.handle.db];
    const key = { clientId: "client-a", tenantId: 101 };
    const { local, server } = await hammer(dbs, second ? 3 : 6, key, 8000);

    const localGaps = windowGaps(local, CONFIG.requests);
    const serverGaps = windowGaps(server, CONFIG.requests);
    const lateness = serverGaps.map((g) => g - SPAN);
    const utilisation = CONFIG.windowMs / (serverGaps.reduce((a, b) => a + b, 0) / serverGaps.length);
    console.info(
      `[rate limiter ${factory.name}] ${local.length} grants, mean window ${(CONFIG.windowMs / utilisation).toFixed(1)} ms, utilisation ${(utilisation * 100).toFixed(1)} %, ` +
        `worst lateness ${Math.max(...lateness).toFixed(1)} ms, narrowest window seen by the workers ${Math.min(...localGaps).toFixed(1)} ms`,
    );

    // Two full windows' worth: the first burst at once, the second as soon as the span allows.
    expect(local.length).toBe(2 * CONFIG.requests);
    // The sliding check, on the workers' clock (what a server would see) and on the database's.
    expect(Math.min(...localGaps)).toBeGreaterThanOrEqual(CONFIG.windowMs);
    expect(Math.min(...serverGaps)).toBeGreaterThanOrEqual(SPAN - 1);
    // Precise waiting: each grant comes within a few milliseconds of the moment it became allowed.
    expect(Math.max(...lateness)).toBeLessThan(250);
    expect(utilisation).toBeGreaterThan(0.95);
  });

  it("pauses every instance after a reported 429, honouring Retry-After", async () => {
    const key = { clientId: "client-a", tenantId: 202 };
    const dbs = second ? [t.handle.db, second.db] : [t.handle.db];
    const limiters = dbs.flatMap((db) => [createRateLimiter(db, CONFIG), createRateLimiter(db, CONFIG)]);
    await limiters[0]!.acquire(key);
    await limiters[0]!.reportRateLimited(key, 1500);
    const started = performance.now();
    const waits = await Promise.all(limiters.map(async (l) => (await l.acquire(key), performance.now() - started)));
    for (const w of waits) expect(w).toBeGreaterThanOrEqual(1400);
    // Another tenant of the same client has its own budget and is not paused.
    const other = performance.now();
    await limiters[1]!.acquire({ clientId: "client-a", tenantId: 203 });
    expect(performance.now() - other).toBeLessThan(500);
  });

  it("widens its margin after a 429, so the next window's grants come later, and narrows it again once quiet", async () => {
    const key = { clientId: "client-c", tenantId: 7 };
    // A clock a second behind keeps every caller "on time", so no restamp blurs the spacing under load.
    const ON_TIME = -1000;
    let ahead = ON_TIME;
    const limiter = createRateLimiter(t.handle.db, { requests: 2, windowMs: 1000, safetyMarginMs: 0, localClock: () => Date.now() + ahead });
    // The database's clock at the first and third grant: exactly the span the limiter enforces.
    const spacing = async (k: RateLimitKey) => {
      const first = await limiter.acquire(k);
      await limiter.acquire(k);
      return (await limiter.acquire(k)).grantedAt - first.grantedAt;
    };
    const before = await spacing(key);
    expect(before).toBeGreaterThanOrEqual(1000);
    expect(before).toBeLessThan(1000 + 20);
    // Fortnox answered 429 with no Retry-After: one window's pause, then a margin of 1 % (10 ms).
    await limiter.reportRateLimited(key, 1);
    await new Promise((r) => setTimeout(r, 1100));
    await limiter.reportRateLimited(key, 1);
    await new Promise((r) => setTimeout(r, 1100));
    // Two 429s: the window is now treated as 1020 ms.
    expect(await spacing(key)).toBeGreaterThanOrEqual(1000 + 20);
    // The same two 429s on another key, as if 2 × QUIET_WINDOWS windows ago: both steps are given back.
    const quiet = { clientId: "client-c", tenantId: 8 };
    ahead = ON_TIME - 2 * QUIET_WINDOWS * 1000;
    await limiter.reportRateLimited(quiet, 1);
    await new Promise((r) => setTimeout(r, 1100));
    await limiter.reportRateLimited(quiet, 1);
    await new Promise((r) => setTimeout(r, 1100));
    ahead = ON_TIME;
    expect(await spacing(quiet)).toBeLessThan(1000 + 20);
  });

  it("moves a late caller's slot to when its request really left, and leaves an on-time caller's alone", async () => {
    const stamps = async (clientId: string) =>
      (
        await queryRows<{ ms: number }>(
          t.handle.db,
          sql`select (extract(epoch from s.granted_at) * 1000)::float8 as ms from rate_limit_slots s join rate_limit_keys k on k.id = s.key_id where k.client_id = ${clientId}`,
        )
      ).map((r) => Number(r.ms));
    // This process's clock runs 300 ms ahead of the grants, so every caller looks 300 ms late; and
    // the restamp's write waits 50 ms, as it would behind a queued batch upsert on PGlite.
    const db = t.handle.db;
    const behindUpsert = Object.create(db, {
      execute: { value: async (query: Parameters<Database["execute"]>[0]) => (await new Promise((r) => setTimeout(r, 50)), db.execute(query)) },
    }) as Database;
    const late = createRateLimiter(behindUpsert, { requests: 5, windowMs: 400, safetyMarginMs: 0, localClock: () => Date.now() + 300 });
    const grant = await late.acquire({ clientId: "client-late", tenantId: 11 });
    await late.settled();
    const [moved] = await stamps("client-late");
    expect(moved).toBeGreaterThanOrEqual(grant.grantedAt + 50);
    // A clock a second behind makes this caller look on time whatever the machine's load.
    const onTime = createRateLimiter(t.handle.db, { requests: 5, windowMs: 400, safetyMarginMs: 0, localClock: () => Date.now() - 1000 });
    const kept = await onTime.acquire({ clientId: "client-on-time", tenantId: 11 });
    await onTime.settled();
    expect(await stamps("client-on-time")).toEqual([kept.grantedAt]);
  });

  it("counts requests sent without a grant (identifying a company) against the window", async () => {
    const key = { clientId: "client-d", tenantId: 9 };
    const limiter = createRateLimiter(t.handle.db, { requests: 3, windowMs: 800, safetyMarginMs: 0 });
    await limiter.recordSent(key, 3);
    const started = performance.now();
    await limiter.acquire(key);
    expect(performance.now() - started).toBeGreaterThanOrEqual(700);
  });

  it("gives up waiting when the caller aborts", async () => {
    const key = { clientId: "client-b", tenantId: 1 };
    const limiter = createRateLimiter(t.handle.db, { requests: 1, windowMs: 60_000 });
    await limiter.acquire(key);
    await expect(limiter.acquire(key, AbortSignal.timeout(200))).rejects.toThrow();
  });
});
