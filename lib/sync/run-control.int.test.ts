import { and, eq } from "drizzle-orm";
import type { PgBoss } from "pg-boss";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import type { Database } from "@/lib/db/client";
import { auditEvents, connections, syncRuns, users } from "@/lib/db/schema";
import { createConnection } from "@/lib/testing/browse-records";
import { testDatabases, type TestDatabase } from "@/lib/testing/databases";
import { NASTY } from "@/lib/testing/hostile";

import { claimRun, finishRun, isClaimLost, releaseRun, saveProgress, type RunProgress } from "./claim";
import { RESOURCE_NAMES } from "./resources/types";
import { cancelRun, retryRun } from "./run-control";
import { getRunDetail } from "./run-detail";
import { listRunEvents, recordFencedRunEvent } from "./run-events";
import { emptyCounts, queueRun } from "./runs";

/** Cancel and retry through the real queries on both databases; only pg-boss is a stand-in. */

const progress = (listed: number): RunProgress => ({ counts: { customers: { ...emptyCounts(), listed } }, checkpoint: { at: listed }, requests: listed, rateLimited: 0, retries: 0 });
const refused = async (p: Promise<unknown>) => {
  const e = await p.then(
    () => null,
    (error: unknown) => error,
  );
  return isClaimLost(e);
};

describe.each(testDatabases())("run cancel and retry on $name", (factory) => {
  let t: TestDatabase;
  let db: Database;
  let n = 0;
  let userId: string;
  const boss = { send: vi.fn(() => Promise.resolve("job")) };

  async function company() {
    const connectionId = await createConnection(db, 9400 + ++n, `Runs ${n} AB`);
    const [c] = await db.select({ tenantId: connections.tenantId }).from(connections).where(eq(connections.id, connectionId));
    return { connectionId, tenantId: c!.tenantId };
  }
  const row = async (id: string) => (await db.select().from(syncRuns).where(eq(syncRuns.id, id)))[0]!;
  const types = async (id: string) => (await listRunEvents(db, id)).map((e) => e.type);

  beforeAll(async () => {
    t = await factory.create();
    db = t.handle.db;
    const [admin] = await db.insert(users).values({ email: "admin@runs.se", name: "Admin Runs" }).returning();
    userId = admin!.id;
  });
  afterAll(async () => t?.dispose());

  it("a cancel fences the worker: its late progress, outcome, hand-back and events are refused, and the run stays cancelled", async () => {
    const co = await company();
    const { run } = await queueRun(db, co.connectionId, "full", "manual", [...RESOURCE_NAMES]);
    const { claim } = (await claimRun(db, co.connectionId, { owner: "worker-a" }))!;
    await saveProgress(db, claim, progress(10));

    const cancelled = await cancelRun(db, { ...co, userId, runId: run.id });
    expect(cancelled).toMatchObject({ status: "cancelled", epoch: 2, owner: null });

    expect(await refused(saveProgress(db, claim, progress(20)))).toBe(true);
    expect(await refused(finishRun(db, claim, { status: "succeeded", ...progress(30) }))).toBe(true);
    await releaseRun(db, claim, progress(40));
    expect(await recordFencedRunEvent(db, claim, "phase_done", { resource: "customers", phase: "list" })).toBe(false);
    expect(await row(run.id)).toMatchObject({ status: "cancelled", requests: 10, finishedAt: expect.any(Date) as Date });
    expect(await types(run.id)).toEqual(["queued", "claimed", "cancelled"]);
    // Nothing can claim it again, and the connection may queue a new run.
    expect(await claimRun(db, co.connectionId, { owner: "worker-b", exclusive: true })).toBeNull();
    expect((await queueRun(db, co.connectionId, "incremental", "manual", ["customers"])).created).toBe(true);

    const audit = await db.select().from(auditEvents).where(and(eq(auditEvents.tenantId, co.tenantId), eq(auditEvents.type, "sync.run_cancelled")));
    expect(audit).toMatchObject([{ userId, connectionId: co.connectionId, detail: { runId: run.id } }]);
  });

  it("cancel refuses an ended run (conflict) and another company's or a hostile run id (not found), leaving that run alone", async () => {
    const a = await company();
    const b = await company();
    const { run: ended } = await queueRun(db, a.connectionId, "full", "manual", ["customers"]);
    const held = (await claimRun(db, a.connectionId, { owner: "w" }))!;
    await finishRun(db, held.claim, { status: "succeeded", ...progress(1) });
    await expect(cancelRun(db, { ...a, userId, runId: ended.id })).rejects.toMatchObject({ code: "conflict" });

    const { run: theirs } = await queueRun(db, b.connectionId, "full", "manual", ["customers"]);
    await expect(cancelRun(db, { ...a, userId, runId: theirs.id })).rejects.toMatchObject({ code: "not_found" });
    expect((await row(theirs.id)).status).toBe("queued");
    expect(await getRunDetail(db, a.connectionId, theirs.id)).toBeNull();
    for (const hostile of [...NASTY, "../../etc/passwd", "00000000-0000-0000-0000-000000000000"]) {
      expect(await getRunDetail(db, a.connectionId, hostile)).toBeNull();
    }
  });

  it("retry queues a new run like the failed one and wakes a worker; it refuses runs that did not fail, a busy connection and another company's run", async () => {
    const co = await company();
    const other = await company();
    const { run: failed } = await queueRun(db, co.connectionId, "full", "schedule", ["customers", "invoices"]);
    const held = (await claimRun(db, co.connectionId, { owner: "w" }))!;
    await finishRun(db, held.claim, { status: "failed", errorCode: "fortnox_unavailable", errorMessage: "503", ...progress(5) });

    await expect(retryRun(db, boss as unknown as PgBoss, { ...other, userId, runId: failed.id })).rejects.toMatchObject({ code: "not_found" });
    const retry = await retryRun(db, boss as unknown as PgBoss, { ...co, userId, runId: failed.id });
    expect(retry).toMatchObject({ status: "queued", kind: "full", trigger: "manual", resources: ["customers", "invoices"] });
    expect(retry.id).not.toBe(failed.id);
    expect(boss.send).toHaveBeenCalledWith(expect.any(String), { connectionId: co.connectionId }, { singletonKey: co.connectionId });
    expect(await types(failed.id)).toEqual(["queued", "claimed", "failed", "retried"]);
    expect(await listRunEvents(db, retry.id)).toMatchObject([{ type: "queued", detail: { retryOf: failed.id } }]);
    const detail = (await getRunDetail(db, co.connectionId, failed.id))!;
    expect(detail.retriedAs).toBe(retry.id);
    expect((await getRunDetail(db, co.connectionId, retry.id))!.retryOf).toBe(failed.id);

    // The retry is open now: a second retry is refused, as is retrying a run that has not failed.
    await expect(retryRun(db, boss as unknown as PgBoss, { ...co, userId, runId: failed.id })).rejects.toMatchObject({ code: "conflict", message: "sync.run.error.busy" });
    await expect(retryRun(db, boss as unknown as PgBoss, { ...co, userId, runId: retry.id })).rejects.toMatchObject({ code: "conflict", message: "sync.run.error.notFailed" });
    const audit = await db.select().from(auditEvents).where(and(eq(auditEvents.tenantId, co.tenantId), eq(auditEvents.type, "sync.run_retried")));
    expect(audit).toMatchObject([{ userId, detail: { runId: failed.id, newRunId: retry.id } }]);
  });
});
