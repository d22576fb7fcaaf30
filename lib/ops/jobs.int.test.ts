import type { PgBoss } from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startBoss } from "@/lib/jobs/boss";
import { testDatabases, type TestDatabase } from "@/lib/testing/databases";

import { knownQueue, listFailedJobs, listQueues } from "./jobs";

/* Real pg-boss on each database: counts by state, a failed job shown redacted, then retried and cancelled. */
describe.each(testDatabases())("operator job views on $name", (factory) => {
  let t: TestDatabase;
  let boss: PgBoss;
  const Q = "ops/test";
  beforeAll(async () => {
    t = await factory.create();
    boss = await startBoss(t.handle, t.url);
    await boss.createQueue(Q, { policy: "standard", retryLimit: 0 });
  }, 300_000);
  afterAll(async () => {
    await boss?.stop({ graceful: false, close: true });
    await t?.dispose();
  });

  it("lists the failed job with its error and payload, secrets redacted; retry queues it again, cancel cancels it", async () => {
    const jwt = "eyJhbGciOiJIUzI1NiJ9.eyJ0ZW5hbnRJZCI6MX0.c2lnbmF0dXJl";
    const id = (await boss.send(Q, { connectionId: "c1", accessToken: "plain-secret", note: `token ${jwt}` }))!;
    const [job] = await boss.fetch(Q);
    expect(job?.id).toBe(id);
    await boss.fail(Q, id, { message: `Fortnox said no for ${jwt}`, refresh_token: "11111111-2222-3333-4444-555555555555" });

    // pg-boss's counts come from its periodic monitor pass, so only the queue's presence is certain here.
    expect((await listQueues(boss)).map((q) => q.name)).toContain(Q);
    const [failed] = await listFailedJobs(boss, Q);
    expect(failed?.id).toBe(id);
    const shown = `${failed!.error}\n${failed!.payload}`;
    expect(shown).toContain("Fortnox said no");
    expect(shown).toContain("c1");
    expect(shown).not.toContain("plain-secret");
    expect(shown).not.toContain(jwt);
    expect(shown).not.toContain("11111111-2222");

    await boss.retry(Q, id);
    expect(await listFailedJobs(boss, Q)).toHaveLength(0);
    expect((await boss.getJobById(Q, id))?.state).toMatch(/created|retry/);
    await boss.cancel(Q, id);
    expect((await boss.getJobById(Q, id))?.state).toBe("cancelled");
    expect(await knownQueue(boss, Q)).toBe(true);
    expect(await knownQueue(boss, "no/such")).toBe(false);
  }, 60_000);
});
