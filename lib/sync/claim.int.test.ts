import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Database } from "@/lib/db/client";
import { syncCursors, syncRuns } from "@/lib/db/schema";
import { createConnection } from "@/lib/testing/browse-records";
import { testDatabases, type TestDatabase } from "@/lib/testing/databases";

import { assertClaim, claimRun, finishRun, HEARTBEAT_MS, listClaimableRuns, releaseRun, saveProgress, STALE_AFTER_MS, type RunProgress } from "./claim";
import { emptyCounts, queueRun } from "./runs";
import { WATCHDOG_MS } from "./watchdog";

const progress = (listed: number): RunProgress => ({ counts: { customers: { ...emptyCounts(), listed, listTotal: 100 } }, checkpoint: { at: listed }, requests: listed, rateLimited: 0, retries: 0 });

describe("production takeover settings", () => {
  it("take a killed worker's run over within 90 s: stale after at most 60 s, found by a watchdog tick, picked up by a 1 s poll", () => {
    expect(STALE_AFTER_MS).toBeLessThanOrEqual(60_000);
    // Several heartbeats fit in the threshold, so one slow write does not make a live run look dead.
    expect(STALE_AFTER_MS / HEARTBEAT_MS).toBeGreaterThanOrEqual(4);
    expect(STALE_AFTER_MS + WATCHDOG_MS + 1_000).toBeLessThanOrEqual(90_000);
  });
});

describe.each(testDatabases())("run claims on $name", (factory) => {
  let t: TestDatabase;
  let db: Database;
  let n = 0;
  const connection = () => createConnection(db, 9300 + ++n, `Claim ${n} AB`);
  const row = async (id: string) => (await db.select().from(syncRuns).where(eq(syncRuns.id, id)))[0]!;
  /** The heartbeat as if the holder went quiet `seconds` ago (the database's clock, as claims use). */
  const quietFor = (id: string, seconds: number) => db.update(syncRuns).set({ heartbeatAt: sql`now() - (${seconds})::int * interval '1 second'` }).where(eq(syncRuns.id, id));

  beforeAll(async () => {
    t = await factory.create();
    db = t.handle.db;
  });
  afterAll(async () => t?.dispose());

  it("a queued run goes to one worker; a live holder keeps it; a minute of silence hands it over with a new epoch", async () => {
    const c = await connection();
    const { run } = await queueRun(db, c, "full", "manual", ["customers"]);
    const a = (await claimRun(db, c, { owner: "host-a:1:aa" }))!;
    expect(a.claim).toEqual({ runId: run.id, owner: "host-a:1:aa", epoch: 1 });
    expect(a.run.status).toBe("running");
    expect(await claimRun(db, c, { owner: "host-b:2:bb" })).toBeNull();

    await quietFor(run.id, 59);
    expect(await claimRun(db, c, { owner: "host-b:2:bb" })).toBeNull();
    await quietFor(run.id, 61);
    const b = (await claimRun(db, c, { owner: "host-b:2:bb" }))!;
    expect(b.claim).toEqual({ runId: run.id, owner: "host-b:2:bb", epoch: 2 });
    expect(await claimRun(db, c, { owner: "host-a:1:aa" })).toBeNull();
  });

  it("refuses every late write of a worker that was taken over, and keeps the new owner's", async () => {
    const c = await connection();
    await queueRun(db, c, "full", "manual", ["customers"]);
    const a = (await claimRun(db, c, { owner: "a" }))!;
    await saveProgress(db, a.claim, progress(10));
    await quietFor(a.claim.runId, 120);
    const b = (await claimRun(db, c, { owner: "b" }))!;
    await saveProgress(db, b.claim, progress(20));

    await expect(saveProgress(db, a.claim, progress(30))).rejects.toMatchObject({ name: "ClaimLostError" });
    await expect(finishRun(db, a.claim, { status: "succeeded", ...progress(40) })).rejects.toMatchObject({ name: "ClaimLostError" });
    await expect(db.transaction((tx) => assertClaim(tx, a.claim))).rejects.toMatchObject({ name: "ClaimLostError" });
    await releaseRun(db, a.claim, progress(50));
    expect(await row(b.claim.runId)).toMatchObject({ owner: "b", epoch: 2, status: "running", requests: 20, checkpoint: { at: 20 } });

    await db.transaction((tx) => assertClaim(tx, b.claim));
    const done = await finishRun(db, b.claim, { status: "succeeded", ...progress(100) });
    expect(done).toMatchObject({ status: "succeeded", requests: 100, checkpoint: null });
    // A finished run belongs to nobody: even its last owner's late write is refused.
    await expect(saveProgress(db, b.claim, progress(1))).rejects.toMatchObject({ name: "ClaimLostError" });
  });

  it("with one process per database (PGlite), a run of any other owner is a dead process's and is taken at once", async () => {
    const c = await connection();
    await queueRun(db, c, "full", "manual", ["customers"]);
    const old = (await claimRun(db, c, { owner: "previous-process" }))!;
    expect(await claimRun(db, c, { owner: "this-process" })).toBeNull();
    expect(await listClaimableRuns(db, { owner: "this-process" })).not.toContain(c);
    expect(await listClaimableRuns(db, { owner: "this-process", exclusive: true })).toContain(c);
    const mine = (await claimRun(db, c, { owner: "this-process", exclusive: true }))!;
    expect(mine.claim.epoch).toBe(old.claim.epoch + 1);
    // Its own live run is not "another owner's".
    expect(await claimRun(db, c, { owner: "this-process", exclusive: true })).toBeNull();
    expect(await listClaimableRuns(db, { owner: "this-process", exclusive: true })).not.toContain(c);
  });

  it("the watchdog lists abandoned runs and queued runs that lost their job, not live or just-queued ones", async () => {
    const [live, stale, fresh, lost] = [await connection(), await connection(), await connection(), await connection()];
    for (const c of [live, stale, fresh, lost]) await queueRun(db, c, "full", "manual", ["customers"]);
    await claimRun(db, live, { owner: "x" });
    const s = (await claimRun(db, stale, { owner: "x" }))!;
    await quietFor(s.claim.runId, 61);
    await db.update(syncRuns).set({ createdAt: sql`now() - interval '1 minute'` }).where(eq(syncRuns.connectionId, lost));
    const listed = await listClaimableRuns(db, { owner: "y" });
    expect(listed).toEqual(expect.arrayContaining([stale, lost]));
    expect(listed).not.toContain(live);
    expect(listed).not.toContain(fresh);
  });

  it("a handed-back run (the process stopped) is queued again from its checkpoint for the next worker", async () => {
    const c = await connection();
    await queueRun(db, c, "full", "manual", ["customers"]);
    const a = (await claimRun(db, c, { owner: "a" }))!;
    await releaseRun(db, a.claim, progress(42));
    expect(await row(a.claim.runId)).toMatchObject({ status: "queued", owner: null, checkpoint: { at: 42 } });
    const b = (await claimRun(db, c, { owner: "b" }))!;
    expect(b.claim.epoch).toBe(2);
    expect(b.run.checkpoint).toEqual({ at: 42 });
  });

  it("a connection's first run is a full sync whatever was asked; later ones are what was asked", async () => {
    const c = await connection();
    const first = await queueRun(db, c, "incremental", "connect", ["customers"]);
    expect(first.run.kind).toBe("full");
    const a = (await claimRun(db, c, { owner: "a" }))!;
    await finishRun(db, a.claim, { status: "failed", ...progress(1) });
    // A failed first run completed nothing: the next is still full.
    expect((await queueRun(db, c, "incremental", "manual", ["customers"])).run.kind).toBe("full");
    const b = (await claimRun(db, c, { owner: "b" }))!;
    await finishRun(db, b.claim, { status: "succeeded", ...progress(1) });
    await db.insert(syncCursors).values({ connectionId: c, resource: "customers", highWater: new Date() });
    expect((await queueRun(db, c, "incremental", "manual", ["customers"])).run.kind).toBe("incremental");
  });
});
