import { randomUUID } from "node:crypto";

import type { PgBoss } from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { testDatabases, type TestDatabase } from "@/lib/testing/databases";

import { ensureQueue, startBoss } from "./boss";
import { QUEUES, type SyncRecordJob } from "./queues";
import { RECORD_JOB_RETRY, RECORD_RETRY_POLL_S, registerRecordWorkers } from "./record-workers";

const job = (number: string): SyncRecordJob => ({ connectionId: randomUUID(), resource: "invoices", number });
const waitUntil = async (done: () => boolean, timeoutMs: number) => {
  for (const deadline = Date.now() + timeoutMs; !done() && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 50));
};

/*
 * Three of the four record workers poll only every NOTIFY_BACKSTOP (two minutes): a new job wakes
 * them through NOTIFY, but a retry falling due sends none. These hold the two things that design
 * must keep: four records sync at once, and a failed attempt's retry runs seconds after it is due,
 * not minutes.
 */
describe.each(testDatabases())("record-sync workers on $name", (factory) => {
  let t: TestDatabase;
  let boss: PgBoss;
  const attempts = new Map<string, number[]>();
  let running = 0;
  let peak = 0;
  let release: () => void = () => undefined;
  let gate = Promise.resolve();

  beforeAll(async () => {
    t = await factory.create();
    boss = await startBoss(t.handle, t.url);
    await ensureQueue(boss, QUEUES.syncRecord, { policy: "standard" });
    await registerRecordWorkers(boss, async ({ number }) => {
      attempts.set(number, [...(attempts.get(number) ?? []), Date.now()]);
      if (number.startsWith("fail-once") && attempts.get(number)!.length === 1) throw new Error("Fortnox answered 503");
      running++;
      peak = Math.max(peak, running);
      await gate;
      running--;
    });
  }, 300_000);
  afterAll(async () => {
    release();
    await boss?.stop({ graceful: false, close: true });
    await t?.dispose();
  });

  it("works four records at once", async () => {
    gate = new Promise<void>((r) => (release = r));
    for (let i = 1; i <= 5; i++) await boss.send(QUEUES.syncRecord, job(`parallel-${i}`), RECORD_JOB_RETRY);
    await waitUntil(() => peak >= 4, 10_000);
    // Give a fifth worker, if there were one, the time to start as well.
    await new Promise((r) => setTimeout(r, 500));
    release();
    expect(peak).toBe(4);
    await waitUntil(() => attempts.get("parallel-5")?.length === 1 && running === 0, 10_000);
    expect(attempts.get("parallel-5")).toHaveLength(1);
  });

  it("retries a failed attempt within seconds of its backoff, though no notification announces it", async () => {
    gate = Promise.resolve();
    await boss.send(QUEUES.syncRecord, job("fail-once"), RECORD_JOB_RETRY);
    await waitUntil(() => (attempts.get("fail-once")?.length ?? 0) >= 2, 60_000);
    const [first, second] = attempts.get("fail-once") ?? [];
    expect(second).toBeDefined();
    // Due about 2 s after the failure (pg-boss's backoff adds jitter up to its doubling), then found
    // by the next poll of the retry worker; the other workers would wait up to two minutes.
    expect(second! - first!).toBeLessThan((2 * RECORD_JOB_RETRY.retryDelay + RECORD_RETRY_POLL_S + 3) * 1000);
  }, 90_000);
});
