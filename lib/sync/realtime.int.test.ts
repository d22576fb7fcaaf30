import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { customers, invoices, realtimeOffsets, syncRuns } from "@/lib/db/schema";
import { createTokenManager, type TokenManager } from "@/lib/fortnox/token-manager";
import type { SyncRecordJob } from "@/lib/jobs/queues";
import { connectTestCompany, registerTestApp, testKeyRing } from "@/lib/testing/connect";
import { testDatabases, type TestDatabase } from "@/lib/testing/databases";
import { startSandbox, type SandboxApp, type SandboxProcess } from "@/lib/testing/sandbox";
import { engineDeps, requestLog } from "@/lib/testing/sync";

import type { EngineDeps } from "./context";
import { runSync } from "./engine";
import { startRealtime, type EnqueueRecordJob, type RealtimeHandle, type RealtimeTiming } from "./realtime";
import { advisoryLock, singleProcessLock, type RealtimeLock } from "./realtime/lock";
import { syncOneRecord } from "./records";
import { syncResource } from "./resources";
import { RESOURCE_NAMES } from "./resources/types";
import { queueRun } from "./runs";
import { DEFAULT_SYNC_SETTINGS, saveSyncSettings } from "./settings";

const RATE = { requests: 25, windowMs: 250 };
// Fast standby retries and backoff so takeovers and reconnects happen within a test's patience.
const TIMING: Partial<RealtimeTiming> = { lockRetryMs: 200, backoffBaseMs: 50, backoffCapMs: 500, commandTimeoutMs: 5_000, pingMs: 5_000 };

async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false> | T | null | undefined | false, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.each(testDatabases())("real-time sync on $name", (factory) => {
  let sb: SandboxProcess;
  let app: SandboxApp;
  let t: TestDatabase;
  let deps: EngineDeps;
  let tokens: TokenManager;
  let first: { connectionId: string; tenantId: number };
  let rt: RealtimeHandle | undefined;
  const tenants = new Map<string, number>();
  /** Every job the consumer asked for, with its collapse key, in order. */
  const handled: (SyncRecordJob & { key: string })[] = [];

  // The queue's part played directly: each job brings its record up to date at once.
  const enqueue: EnqueueRecordJob = async (job, key) => {
    await syncOneRecord(t.handle.db, deps.apiFor, job.connectionId, syncResource(job.resource), job.number);
    handled.push({ ...job, key });
  };
  const start = (lock: RealtimeLock = singleProcessLock()) =>
    startRealtime({
      db: t.handle.db,
      enqueue,
      wsUrl: `${sb.url.replace(/^http/, "ws")}/topics-v1`,
      clientId: app.clientId,
      clientSecret: app.clientSecret,
      getAccessToken: (id) => tokens.getAccessToken(id),
      lock,
      timing: TIMING,
    });
  const subscribed = (h: RealtimeHandle, tenantId: number) => waitFor("a subscribed consumer", () => h.status().state === "subscribed" && h.status().tenants.includes(tenantId));

  async function connect() {
    const db = await sb.control<{ tenantId: number }>("POST", "/databases", { seed: "tiny" });
    const c = await connectTestCompany(sb, app, t.handle.db, testKeyRing(), db.tenantId);
    tenants.set(c.connectionId, db.tenantId);
    return { connectionId: c.connectionId, tenantId: db.tenantId };
  }
  const recordIds = async (tenantId: number, resource: string) => (await sb.control<{ id: string }[]>("GET", `/databases/${tenantId}/records/${resource}`)).map((r) => r.id);
  const patch = (tenantId: number, resource: string, id: string, body: object) => sb.control("PATCH", `/databases/${tenantId}/records/${resource}/${id}`, body);
  const storedCustomer = async (connectionId: string, number: string) =>
    (await t.handle.db.select().from(customers).where(and(eq(customers.connectionId, connectionId), eq(customers.customerNumber, number))))[0];
  const offsets = () => t.handle.db.select().from(realtimeOffsets).orderBy(realtimeOffsets.topic);
  const runCount = async () => Number((await t.handle.db.select({ n: sql<number>`count(*)::int` }).from(syncRuns))[0]!.n);

  beforeAll(async () => {
    [sb, t] = await Promise.all([startSandbox(["--rate-limit", `${RATE.requests}/${RATE.windowMs}`]), factory.create()]);
    app = await registerTestApp(sb);
    deps = engineDeps(t.handle.db, sb.url, app, (id) => tenants.get(id)!, RATE);
    tokens = createTokenManager({
      db: t.handle.db,
      keyRing: testKeyRing(),
      oauth: { tokenUrl: `${sb.url}/oauth-v1/token`, revokeUrl: `${sb.url}/oauth-v1/revoke`, clientId: app.clientId, clientSecret: app.clientSecret },
    });
    first = await connect();
    await queueRun(t.handle.db, first.connectionId, "full", "manual", [...RESOURCE_NAMES]);
    expect((await runSync(deps, first.connectionId))?.status).toBe("succeeded");
  });
  afterAll(async () => {
    await rt?.stop();
    await Promise.all([sb?.stop(), t?.dispose()]);
  });

  it("a customer changed in Fortnox is stored at once, without a sync run: one GET of that customer", async () => {
    rt = await start();
    await subscribed(rt, first.tenantId);
    const [id] = await recordIds(first.tenantId, "customers");
    expect((await storedCustomer(first.connectionId, id!))?.name).not.toBe("Nytt Namn AB");
    const runs = await runCount();
    await sb.control("DELETE", "/requests");

    await patch(first.tenantId, "customers", id!, { Name: "Nytt Namn AB" });
    await waitFor("the new name", async () => (await storedCustomer(first.connectionId, id!))?.name === "Nytt Namn AB");

    expect(await runCount()).toBe(runs);
    const api = (await requestLog(sb)).filter((r) => r.path.startsWith("/3/")).map((r) => `${r.method} ${r.path}`);
    expect(api).toEqual([`GET /3/customers/${id}`]);
    expect(handled.at(-1)).toEqual({ connectionId: first.connectionId, resource: "customers", number: id, key: `${first.connectionId}:customers:${id}` });
  });

  it("an invoice deleted in Fortnox is soft-deleted here; each topic's offset is stored on its own", async () => {
    const [id] = await recordIds(first.tenantId, "invoices");
    await sb.control("DELETE", `/databases/${first.tenantId}/records/invoices/${id}`);
    const gone = await waitFor("the soft delete", async () => {
      const [row] = await t.handle.db.select().from(invoices).where(and(eq(invoices.connectionId, first.connectionId), eq(invoices.documentNumber, Number(id))));
      return row?.deletedAt ? row : null;
    });
    expect(gone.deletedAt).toBeInstanceOf(Date);
    const stored = await offsets();
    expect(stored.map((o) => [o.clientId, o.topic])).toEqual([
      [app.clientId, "customers"],
      [app.clientId, "invoices"],
    ]);
    expect(stored[0]!.offset).not.toBe(stored[1]!.offset);
  });

  it("a change made while the consumer is down is replayed from the stored offset when it starts again", async () => {
    await rt!.stop();
    rt = undefined;
    const [before] = (await offsets()).filter((o) => o.topic === "customers");
    const [, id] = await recordIds(first.tenantId, "customers");
    const seen = handled.length;
    await patch(first.tenantId, "customers", id!, { Name: "Ändrad medan vi sov AB" });
    // Nobody consumes now (the consumer is stopped), so this is the starting point, not a claim.
    expect((await storedCustomer(first.connectionId, id!))?.name).not.toBe("Ändrad medan vi sov AB");
    expect(handled.length).toBe(seen);

    rt = await start();
    await waitFor("the replayed change", async () => (await storedCustomer(first.connectionId, id!))?.name === "Ändrad medan vi sov AB");
    const [after] = (await offsets()).filter((o) => o.topic === "customers");
    expect(after!.offset).not.toBe(before!.offset);
  });

  it("refresh() adds a company connected meanwhile, and drops one whose real-time setting is turned off", async () => {
    const second = await connect();
    await rt!.refresh();
    await subscribed(rt!, second.tenantId);
    const [id] = await recordIds(second.tenantId, "customers");
    await patch(second.tenantId, "customers", id!, { Name: "Andra Bolaget AB" });
    await waitFor("the second company's change", async () => (await storedCustomer(second.connectionId, id!))?.name === "Andra Bolaget AB");

    await saveSyncSettings(t.handle.db, second.connectionId, { ...DEFAULT_SYNC_SETTINGS, realtime: false });
    await rt!.refresh();
    expect(rt!.status().tenants).toEqual([first.tenantId]);
    const seen = handled.length;
    await patch(second.tenantId, "customers", id!, { Name: "Ska inte synas AB" });
    // A change on the first company afterwards marks the point by which the other would have arrived.
    const [marker] = await recordIds(first.tenantId, "customers");
    await patch(first.tenantId, "customers", marker!, { Name: "Markör AB" });
    await waitFor("the marker", async () => (await storedCustomer(first.connectionId, marker!))?.name === "Markör AB");
    expect(handled.slice(seen).map((j) => j.connectionId)).toEqual([first.connectionId]);
    expect((await storedCustomer(second.connectionId, id!))?.name).toBe("Andra Bolaget AB");
  });

  it.runIf(factory.name === "pg")("exactly one consumer across processes: a standby takes over when the holder stops or its lock connection dies", async () => {
    await rt?.stop();
    rt = undefined;
    // Each lock counts its holder's attempts, so the test can wait for the standby to have tried.
    const tries = [0, 0];
    const locks = [advisoryLock(t.url!), advisoryLock(t.url!)].map((l, i): RealtimeLock => ({
      tryAcquire: () => {
        tries[i]!++;
        return l.tryAcquire();
      },
      release: () => l.release(),
      onLost: (listener) => l.onLost(listener),
    }));
    let lost = 0;
    for (const l of locks) l.onLost(() => lost++);
    const a = await start(locks[0]);
    const b = await start(locks[1]);
    try {
      const holder = await waitFor("one consumer", () => [a, b].find((h) => h.status().state === "subscribed"));
      const standby = holder === a ? b : a;
      const standbyTries = tries[holder === a ? 1 : 0]!;
      await waitFor("three more standby attempts", () => tries[holder === a ? 1 : 0]! >= standbyTries + 3);
      expect(standby.status().state).toBe("standby");

      const [id, markerId] = await recordIds(first.tenantId, "customers");
      const seen = handled.length;
      await patch(first.tenantId, "customers", id!, { Name: "En Gång AB" });
      // A later change on the same topic is the marker that ends the wait (no fixed sleep): a second
      // consumer would get both events in the same order, so its copy of the first change competes
      // with the marker and shows up in the list below.
      await patch(first.tenantId, "customers", markerId!, { Name: "Markör Två AB" });
      await waitFor("the marker", () => handled.slice(seen).some((j) => j.number === markerId));
      expect((await storedCustomer(first.connectionId, id!))?.name).toBe("En Gång AB");
      expect(handled.slice(seen).map((j) => j.number)).toEqual([id, markerId]);

      await holder.stop();
      await subscribed(standby, first.tenantId);
      await patch(first.tenantId, "customers", id!, { Name: "Tog Över AB" });
      await waitFor("the change after takeover", async () => (await storedCustomer(first.connectionId, id!))?.name === "Tog Över AB");

      // The lock's connection killed under the holder: it steps down, and someone consumes again.
      await t.handle.db.execute(sql`select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'brygga-realtime' and datname = current_database()`);
      await waitFor("the lock loss to be noticed", () => lost === 1);
      await subscribed(standby, first.tenantId);
      await patch(first.tenantId, "customers", id!, { Name: "Lever Igen AB" });
      await waitFor("the change after the kill", async () => (await storedCustomer(first.connectionId, id!))?.name === "Lever Igen AB");
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });
});
