import type { PgBoss } from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { testDatabases, type TestDatabase } from "@/lib/testing/databases";

import { ensureQueue, NOTIFY_BACKSTOP, startBoss } from "./boss";

/*
 * The idle portal polls only every NOTIFY_BACKSTOP seconds, so a sent job must reach its worker
 * through LISTEN/NOTIFY, on PostgreSQL and on PGlite alike: with the base poll set far beyond the
 * test's wait too, a job handled within seconds was woken, not polled.
 */
describe.each(testDatabases())("job queue wake-up on $name", (factory) => {
  let t: TestDatabase;
  let boss: PgBoss;
  beforeAll(async () => {
    t = await factory.create();
    boss = await startBoss(t.handle, t.url);
  }, 300_000);
  afterAll(async () => {
    await boss?.stop({ graceful: false, close: true });
    await t?.dispose();
  });

  async function handledWithin(queue: string): Promise<number> {
    const handled: number[] = [];
    await boss.work(queue, { pollingIntervalSeconds: 60, ...NOTIFY_BACKSTOP }, () => Promise.resolve(void handled.push(Date.now())));
    // The worker's first fetch (at start) found nothing; it now waits out its poll unless woken.
    await new Promise((r) => setTimeout(r, 1_000));
    const sent = Date.now();
    await boss.send(queue, { n: 1 });
    for (let i = 0; i < 100 && handled.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    return handled.length === 0 ? Infinity : handled[0]! - sent;
  }

  it("wakes the worker of a new queue when a job is sent, long before any poll", async () => {
    await ensureQueue(boss, "test/wake", { policy: "standard" });
    expect((await boss.getQueue("test/wake"))?.notify).toBe(true);
    expect(await handledWithin("test/wake")).toBeLessThan(5_000);
  });

  it("turns NOTIFY on for a queue an earlier version created without it", async () => {
    await boss.createQueue("test/old", { policy: "singleton" });
    expect((await boss.getQueue("test/old"))?.notify).toBe(false);
    await ensureQueue(boss, "test/old", { policy: "singleton" });
    expect((await boss.getQueue("test/old"))?.notify).toBe(true);
    expect(await handledWithin("test/old")).toBeLessThan(5_000);
  });

  // PostgreSQL keeps pg-boss's vacuum monitor (autovacuum can fall behind there), and pg-boss talks
  // to it through its own pool, which this test cannot watch.
  it.skipIf(factory.name !== "pglite")("supervises its queues without reading table statistics on PGlite (it has no autovacuum to watch)", async () => {
    // pg-boss's PGlite adapter sends statements with parameters through query(), the rest through exec().
    const pglite = t.handle.pglite as unknown as Record<"query" | "exec", (text: unknown, ...rest: unknown[]) => Promise<unknown>>;
    const originals = { query: pglite.query, exec: pglite.exec };
    const sent: string[] = [];
    for (const method of ["query", "exec"] as const) {
      pglite[method] = function (this: unknown, text: unknown, ...rest: unknown[]) {
        sent.push(String(text));
        return originals[method].call(this, text, ...rest);
      };
    }
    try {
      await boss.supervise();
    } finally {
      Object.assign(pglite, originals);
    }
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.filter((q) => q.includes("pg_stat_user_tables"))).toEqual([]);
  });
});
