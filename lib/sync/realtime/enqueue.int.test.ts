import { randomUUID } from "node:crypto";

import type { PgBoss } from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startBoss } from "@/lib/jobs/boss";
import { QUEUES, type SyncRecordJob } from "@/lib/jobs/queues";
import { testDatabases, type TestDatabase } from "@/lib/testing/databases";

import { recordJobKey } from "./events";
import { bossEnqueue } from "./production";

// The production enqueue on the real queue: a burst of events on one record waits as one job.
describe.each(testDatabases())("record jobs from events on $name", (factory) => {
  let t: TestDatabase;
  let boss: PgBoss;
  beforeAll(async () => {
    t = await factory.create();
    boss = await startBoss(t.handle, t.url);
    // As lib/jobs/workers.ts creates it.
    await boss.createQueue(QUEUES.syncRecord, { policy: "standard" });
  });
  afterAll(async () => {
    await boss?.stop({ graceful: false, close: true });
    await t?.dispose();
  });

  it("collapses events on one record while its job waits, and queues a new one once that job runs", async () => {
    const enqueue = bossEnqueue(boss);
    const connectionId = randomUUID();
    const job: SyncRecordJob = { connectionId, resource: "customers", number: "17" };
    const other: SyncRecordJob = { connectionId, resource: "invoices", number: "17" };
    for (let i = 0; i < 3; i++) await enqueue(job, recordJobKey(job));
    await enqueue(other, recordJobKey(other));
    const queued = async (key: string) => (await boss.findJobs<SyncRecordJob>(QUEUES.syncRecord, { key, queued: true })).length;
    expect(await queued(recordJobKey(job))).toBe(1);
    expect(await queued(recordJobKey(other))).toBe(1);

    // A job that is running already may have fetched the record: a later event needs a job of its own.
    const fetched = await boss.fetch<SyncRecordJob>(QUEUES.syncRecord, { batchSize: 2 });
    expect(fetched.map((j) => j.data).sort((a, b) => a.resource.localeCompare(b.resource))).toEqual([job, other]);
    await enqueue(job, recordJobKey(job));
    expect(await queued(recordJobKey(job))).toBe(1);
    expect(await queued(recordJobKey(other))).toBe(0);
  });
});
