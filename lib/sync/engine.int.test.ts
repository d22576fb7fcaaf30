import { and, eq, isNotNull, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { queryRows } from "@/lib/db/raw";
import { connections, customers, invoiceRows, invoices, syncRuns, users } from "@/lib/db/schema";
import { connectTestCompany, registerTestApp, testKeyRing } from "@/lib/testing/connect";
import { testDatabases, type TestDatabase } from "@/lib/testing/databases";
import { startSandbox, type SandboxApp, type SandboxProcess } from "@/lib/testing/sandbox";
import { engineDeps, requestLog, sandboxChecksums, storedChecksums } from "@/lib/testing/sync";

import type { EngineDeps } from "./context";
import { claimRun } from "./claim";
import { runSync } from "./engine";
import { RESOURCE_NAMES } from "./resources/types";
import { cancelRun } from "./run-control";
import { listRunEvents } from "./run-events";
import { queueRun, type RunCounts, type SyncKind } from "./runs";

// A 20× faster window than Fortnox's keeps the suite quick; the limiter is told the same.
const RATE = { requests: 25, windowMs: 250 };

describe.each(testDatabases())("sync engine on $name", (factory) => {
  let sb: SandboxProcess;
  let app: SandboxApp;
  let t: TestDatabase;
  const tenants = new Map<string, number>();
  let deps: EngineDeps;

  async function connect(seed: unknown) {
    // Seeded an hour back: the seed stamps today's changes with its own "now", and a record changed
    // within the cursor's overlap before the first run is (rightly) listed again by the next one.
    await sb.control("POST", "/clock", { set: new Date(Date.now() - 3600_000).toISOString() });
    const db = await sb.control<{ tenantId: number }>("POST", "/databases", { seed });
    await sb.control("POST", "/clock", { set: new Date().toISOString() });
    const c = await connectTestCompany(sb, app, t.handle.db, testKeyRing(), db.tenantId);
    tenants.set(c.connectionId, db.tenantId);
    return { connectionId: c.connectionId, tenantId: db.tenantId };
  }
  async function sync(connectionId: string, kind: SyncKind) {
    await queueRun(t.handle.db, connectionId, kind, "manual", [...RESOURCE_NAMES]);
    const run = await runSync(deps, connectionId);
    expect(run?.errorMessage ?? null).toBeNull();
    expect(run?.status).toBe("succeeded");
    return run!;
  }

  beforeAll(async () => {
    [sb, t] = await Promise.all([startSandbox(["--rate-limit", `${RATE.requests}/${RATE.windowMs}`]), factory.create()]);
    app = await registerTestApp(sb);
    deps = engineDeps(t.handle.db, sb.url, app, (id) => tenants.get(id)!, RATE);
  });
  afterAll(async () => {
    await Promise.all([sb?.stop(), t?.dispose()]);
  });

  it("stores 1,234 customers across pages and 2,000 invoices with their rows; then fetches only the 10 that changed; reconcile marks deletions", async () => {
    const { connectionId, tenantId } = await connect({ customers: 1234, articles: 40, invoices: 2000, seed: 7 });
    const full = await sync(connectionId, "full");
    const counts = full.counts as RunCounts;
    expect(counts.customers).toMatchObject({ fetched: 1234, created: 1234 });
    // Progress per phase with true totals: 2,000 listed of 2,000, and 2,000 details of the 2,000 flagged.
    expect(counts.invoices).toMatchObject({ fetched: 2000, created: 2000, listed: 2000, listTotal: 2000, detailed: 2000, detailTotal: 2000 });
    expect(counts.customers).toMatchObject({ listed: 1234, listTotal: 1234, detailed: 0, detailTotal: 0 });
    // Article list items lack the type (stock or service): each article is fetched once in full.
    expect(counts.articles).toMatchObject({ listed: 40, listTotal: 40, detailed: 40, detailTotal: 40 });
    const [sbSum, stored] = await Promise.all([sandboxChecksums(sb, tenantId), storedChecksums(t.handle.db, connectionId)]);
    expect(stored.counts).toEqual(sbSum.counts);
    expect(stored).toEqual(sbSum);
    if (t.name === "pglite") {
      // PGlite runs no autovacuum: the engine analyzed the tables this sync filled (./statistics.ts).
      const planned = await queryRows<{ relname: string; reltuples: number }>(t.handle.db, sql`select relname, reltuples::float8 as reltuples from pg_class where relname in ('customers', 'invoices') order by relname`);
      const [[c], [i]] = await Promise.all([t.handle.db.select({ n: sql<number>`count(*)::float8` }).from(customers), t.handle.db.select({ n: sql<number>`count(*)::float8` }).from(invoices)]);
      expect(planned).toEqual([
        { relname: "customers", reltuples: c!.n },
        { relname: "invoices", reltuples: i!.n },
      ]);
    }

    // 10 invoices and 10 customers change in Fortnox: only those 10 invoice details are fetched again.
    const touched = await sb.control<{ touched: string[] }>("POST", `/databases/${tenantId}/touch`, { resource: "invoices", count: 10 });
    await sb.control("POST", `/databases/${tenantId}/touch`, { resource: "customers", count: 10 });
    await sb.control("DELETE", "/requests");
    const incremental = await sync(connectionId, "incremental");
    const details = (await requestLog(sb)).filter((r) => /^\/3\/invoices\/\d+$/.test(r.path.split("?")[0]!));
    expect(details.map((r) => r.path.split("?")[0]!.split("/").pop()).sort()).toEqual([...touched.touched].sort());
    expect((incremental.counts as RunCounts).customers?.fetched).toBe(10);
    expect(incremental.requests).toBe(3 + 10);

    // Deleted in Fortnox → soft-deleted here by the reconcile, with the time.
    await sb.control("DELETE", `/databases/${tenantId}/records/customers/5`);
    await sb.control("DELETE", `/databases/${tenantId}/records/invoices/${touched.touched[0]}`);
    const reconcile = await sync(connectionId, "reconcile");
    // A full listing of unchanged records finds them equal to what their details stored: none is fetched again.
    expect((reconcile.counts as RunCounts).articles).toMatchObject({ listed: 40, detailTotal: 0, detailed: 0 });
    expect((reconcile.counts as RunCounts).invoices).toMatchObject({ detailTotal: 0, detailed: 0 });
    expect((reconcile.counts as RunCounts).customers?.deleted).toBe(1);
    expect((reconcile.counts as RunCounts).invoices?.deleted).toBe(1);
    const [gone] = await t.handle.db.select().from(customers).where(and(eq(customers.connectionId, connectionId), eq(customers.customerNumber, "5")));
    expect(gone!.deletedAt).toBeInstanceOf(Date);
    expect(await storedChecksums(t.handle.db, connectionId)).toEqual(await sandboxChecksums(sb, tenantId));
  }, 240_000);

  it("completes under 429 storms, 5xx bursts, connection resets and payload quirks, and stores exactly what Fortnox holds", async () => {
    const { connectionId, tenantId } = await connect({ customers: 600, articles: 120, invoices: 300, seed: 11 });
    await sb.control("PUT", "/quirks", { errorKeyCase: "capitalised", numbersAsStrings: true, emptyStringDates: true });
    await sb.control("PUT", "/faults", { errorBurst: { count: 4, status: 503 }, connectionResets: { count: 3 }, rateLimitStorm: { count: 5 }, latencyMs: 5 });
    const run = await sync(connectionId, "full");
    await sb.control("PUT", "/faults", {});
    await sb.control("PUT", "/quirks", {});
    expect(run.retries).toBeGreaterThanOrEqual(12);
    expect(await storedChecksums(t.handle.db, connectionId)).toEqual(await sandboxChecksums(sb, tenantId));
    const dupes = await t.handle.db
      .select({ n: sql<number>`count(*)::int` })
      .from(invoiceRows)
      .innerJoin(invoices, eq(invoices.id, invoiceRows.invoiceId))
      .where(and(eq(invoices.connectionId, connectionId), isNotNull(invoices.detailSyncedAt)));
    expect(Number(dupes[0]!.n)).toBe((await sandboxChecksums(sb, tenantId)).counts.rows);
  });

  it("a worker whose run was taken over stops at its next write: its progress and outcome are refused, the new owner finishes", async () => {
    const { connectionId, tenantId } = await connect({ customers: 50, articles: 10, invoices: 400, seed: 5 });
    const { run } = await queueRun(t.handle.db, connectionId, "full", "manual", [...RESOURCE_NAMES]);
    const row = async () => (await t.handle.db.select().from(syncRuns).where(eq(syncRuns.id, run.id)))[0]!;
    await sb.control("PUT", "/faults", { latencyMs: 40 });
    try {
      const a = runSync({ ...deps, owner: "worker-a", progressEveryMs: 50 }, connectionId);
      for (let i = 0; (await row()).requests === 0; i++) {
        if (i > 400) throw new Error("worker A never wrote progress");
        await new Promise((r) => setTimeout(r, 25));
      }
      // A goes quiet for over a minute (frozen, cut off); B takes the run over. A is in fact alive and
      // renews its heartbeat with each progress write, which can land between the two statements
      // below: then B rightly finds a live owner, and the quiet minute is simply made again.
      let b: Awaited<ReturnType<typeof claimRun>> = null;
      for (let attempt = 0; !b && attempt < 20; attempt++) {
        await t.handle.db.update(syncRuns).set({ heartbeatAt: sql`now() - interval '61 seconds'` }).where(eq(syncRuns.id, run.id));
        b = await claimRun(t.handle.db, connectionId, { owner: "worker-b" });
      }
      expect(b?.claim.epoch).toBe(2);
      const taken = await row();
      // A learns at its next write and stops, writing nothing more.
      expect(await a).toBeNull();
      const after = await row();
      expect(after).toMatchObject({ owner: "worker-b", epoch: 2, status: "running", finishedAt: null });
      expect({ counts: after.counts, checkpoint: after.checkpoint, requests: after.requests }).toEqual({ counts: taken.counts, checkpoint: taken.checkpoint, requests: taken.requests });
    } finally {
      await sb.control("PUT", "/faults", {});
    }
    // B dies as well; a third worker resumes from the checkpoint and ends with what Fortnox holds.
    await t.handle.db.update(syncRuns).set({ heartbeatAt: sql`now() - interval '61 seconds'` }).where(eq(syncRuns.id, run.id));
    const c = await runSync({ ...deps, owner: "worker-c" }, connectionId);
    expect(c).toMatchObject({ id: run.id, status: "succeeded", owner: "worker-c", epoch: 3 });
    expect((c!.counts as RunCounts).invoices).toMatchObject({ listed: 400, listTotal: 400, detailed: 400, detailTotal: 400 });
    expect(await storedChecksums(t.handle.db, connectionId)).toEqual(await sandboxChecksums(sb, tenantId));
  });

  it("an administrator's cancel stops a working worker within a couple of seconds and nothing it does later lands", async () => {
    const { connectionId } = await connect({ customers: 50, articles: 10, invoices: 400, seed: 9 });
    const [admin] = await t.handle.db.insert(users).values({ email: "cancel@example.se", name: "Admin" }).returning();
    const { run } = await queueRun(t.handle.db, connectionId, "full", "manual", [...RESOURCE_NAMES]);
    const row = async () => (await t.handle.db.select().from(syncRuns).where(eq(syncRuns.id, run.id)))[0]!;
    await sb.control("PUT", "/faults", { latencyMs: 40 });
    try {
      const working = runSync({ ...deps, owner: "worker-a", progressEveryMs: 200 }, connectionId);
      for (let i = 0; (await row()).requests === 0; i++) {
        if (i > 400) throw new Error("the worker never wrote progress");
        await new Promise((r) => setTimeout(r, 25));
      }
      const [conn] = await t.handle.db.select({ tenantId: connections.tenantId }).from(connections).where(eq(connections.id, connectionId));
      await cancelRun(t.handle.db, { connectionId, tenantId: conn!.tenantId, userId: admin!.id, runId: run.id });
      const cancelledAt = performance.now();
      const atCancel = await row();
      expect(await working).toBeNull();
      expect(performance.now() - cancelledAt).toBeLessThan(3_000);
      const after = await row();
      expect(after).toMatchObject({ status: "cancelled", owner: null });
      expect({ counts: after.counts, requests: after.requests, checkpoint: after.checkpoint }).toEqual({ counts: atCancel.counts, requests: atCancel.requests, checkpoint: atCancel.checkpoint });
      expect((await listRunEvents(t.handle.db, run.id)).map((e) => e.type).at(-1)).toBe("cancelled");
    } finally {
      await sb.control("PUT", "/faults", {});
    }
  });

  it("records each resource's phases with their requests, and a timeline from queued to succeeded", async () => {
    const { connectionId } = await connect("tiny");
    const done = await sync(connectionId, "full");
    const counts = done.counts as RunCounts;
    for (const r of RESOURCE_NAMES) {
      expect(counts[r]?.phases?.list).toMatchObject({ requests: expect.any(Number) as number, finishedAt: expect.any(String) as string });
      expect(counts[r]!.phases!.list!.requests).toBeGreaterThan(0);
    }
    expect(counts.invoices?.phases?.details?.requests).toBeGreaterThanOrEqual(counts.invoices!.detailed);
    expect(counts.invoices!.detailed).toBeGreaterThan(0);
    const perResource = RESOURCE_NAMES.reduce((sum, r) => sum + (counts[r]?.requests ?? 0), 0);
    expect(perResource).toBe(done.requests);
    const events = await listRunEvents(t.handle.db, done.id);
    expect(events.map((e) => e.type)).toEqual(["queued", "claimed", ...RESOURCE_NAMES.flatMap(() => ["phase_done", "phase_done", "phase_done", "phase_done"]), "succeeded"]);
    expect(events.filter((e) => e.type === "phase_done").map((e) => `${String(e.detail.resource)}:${String(e.detail.phase)}`).sort()).toEqual(
      RESOURCE_NAMES.flatMap((r) => ["list", "inactive", "details", "deletions"].map((p) => `${r}:${p}`)).sort(),
    );
  });

  it("refuses a second run while one is open, and a finished run leaves no open run behind", async () => {
    const { connectionId } = await connect("tiny");
    const a = await queueRun(t.handle.db, connectionId, "full", "manual", [...RESOURCE_NAMES]);
    const b = await queueRun(t.handle.db, connectionId, "incremental", "schedule", [...RESOURCE_NAMES]);
    expect(b.created).toBe(false);
    expect(b.run.id).toBe(a.run.id);
    await runSync(deps, connectionId);
    const open = await t.handle.db.select().from(syncRuns).where(and(eq(syncRuns.connectionId, connectionId), sql`${syncRuns.status} in ('queued','running')`));
    expect(open).toHaveLength(0);
  });
});
