import { createHmac } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

import { eq } from "drizzle-orm";
import type { PgBoss } from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Database } from "@/lib/db/client";
import { alertDeliveries, alerts, connections, syncRuns } from "@/lib/db/schema";
import { bossDeliveryDeps, checkAllAlerts, registerAlertWorkers } from "@/lib/jobs/alerts";
import { startBoss } from "@/lib/jobs/boss";
import { createConnection } from "@/lib/testing/browse-records";
import { testKeyRing } from "@/lib/testing/connect";
import { testDatabases, type TestDatabase } from "@/lib/testing/databases";

import { alertsInStep, openAlerts, reconcileAlerts } from "./conditions";
import { attemptDelivery } from "./deliveries";
import { verifySignature } from "./signature";
import { saveAlertWebhook } from "./webhook-config";

/*
 * Alerts on the real database and the real job queue: conditions raise and clear them, at most one
 * open per kind, and a raised alert reaches the company's webhook signed and, after a 500, again.
 */

const DAY = 24 * 3600_000;

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A receiver that answers each request with the next status in `statuses` (then 200). */
async function receiver(statuses: number[]): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.writeHead(statuses.shift() ?? 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/brygga`, received, server };
}

async function until<T>(what: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await what();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe.each(testDatabases())("alerts on $name", (factory) => {
  let t: TestDatabase;
  let db: Database;
  let a: string;
  let b: string;
  let tenantA: string;
  let tenantB: string;
  const tenantOf = async (id: string) => (await db.query.connections.findFirst({ where: (c, { eq: is }) => is(c.id, id) }))!.tenantId;
  const setConnection = (id: string, values: Partial<typeof connections.$inferInsert>) => db.update(connections).set(values).where(eq(connections.id, id));
  const kinds = async (tenantId: string) => (await openAlerts(db, tenantId)).map((x) => x.kind).sort();

  beforeAll(async () => {
    t = await factory.create();
    db = t.handle.db;
    a = await createConnection(db, 9601, "A AB");
    b = await createConnection(db, 9602, "B AB");
    tenantA = await tenantOf(a);
    tenantB = await tenantOf(b);
  }, 300_000);
  afterAll(async () => t?.dispose());

  it("raises needs-reconnect once (also when two check at once) and clears it on reconnect; never for another tenant", async () => {
    const now = new Date();
    await setConnection(a, { status: "needs_reconnect", lastErrorCode: "invalid_grant" });
    const [first, second] = await Promise.all([reconcileAlerts(db, tenantA, now), reconcileAlerts(db, tenantA, now)]);
    expect([...first, ...second].filter((c) => c.event === "alert.raised").map((c) => c.alert.kind)).toEqual(["needs_reconnect"]);
    expect(await reconcileAlerts(db, tenantA, now)).toEqual([]);
    expect(await kinds(tenantA)).toEqual(["needs_reconnect"]);
    expect(await reconcileAlerts(db, tenantB, now)).toEqual([]);
    expect(await kinds(tenantB)).toEqual([]);

    await setConnection(a, { status: "active", lastErrorCode: null });
    const cleared = await reconcileAlerts(db, tenantA, now);
    expect(cleared.map((c) => [c.event, c.alert.kind])).toEqual([["alert.resolved", "needs_reconnect"]]);
    expect(cleared[0]!.alert.resolvedAt).not.toBeNull();
    expect(await kinds(tenantA)).toEqual([]);
  });

  it("answers a page's read without a change only while the open alerts match the conditions", async () => {
    const now = new Date();
    const kindsOf = (list: { kind: string }[] | null) => list?.map((x) => x.kind) ?? null;
    expect(await alertsInStep(db, tenantA, now)).toEqual([]);
    await setConnection(a, { status: "needs_reconnect", lastErrorCode: "invalid_grant" });
    // A condition holds with no alert open: the page must reconcile, and nothing was written meanwhile.
    expect(await alertsInStep(db, tenantA, now)).toBeNull();
    expect(await kinds(tenantA)).toEqual([]);
    expect(await alertsInStep(db, tenantB, now)).toEqual([]);
    await reconcileAlerts(db, tenantA, now);
    expect(kindsOf(await alertsInStep(db, tenantA, now))).toEqual(["needs_reconnect"]);
    // The condition cleared with the alert still open: reconcile again.
    await setConnection(a, { status: "active", lastErrorCode: null });
    expect(await alertsInStep(db, tenantA, now)).toBeNull();
    await reconcileAlerts(db, tenantA, now);
    expect(await alertsInStep(db, tenantA, now)).toEqual([]);
  });

  it("warns in the last 7 of a refresh token's 45 days, not before, and never for a service account", async () => {
    const now = new Date();
    await setConnection(a, { refreshTokenExpiresAt: new Date(now.getTime() + 8 * DAY) });
    await reconcileAlerts(db, tenantA, now);
    expect(await kinds(tenantA)).toEqual([]);
    await setConnection(a, { refreshTokenExpiresAt: new Date(now.getTime() + 6 * DAY) });
    const raised = await reconcileAlerts(db, tenantA, now);
    expect(raised.map((c) => c.alert.kind)).toEqual(["refresh_expiring"]);
    expect(raised[0]!.alert.detail).toEqual({ expiresAt: new Date(now.getTime() + 6 * DAY).toISOString() });
    // Renewed: a fresh 45 days.
    await setConnection(a, { refreshTokenExpiresAt: new Date(now.getTime() + 45 * DAY) });
    expect((await reconcileAlerts(db, tenantA, now)).map((c) => c.event)).toEqual(["alert.resolved"]);
    await setConnection(b, { serviceAccount: true, refreshTokenExpiresAt: new Date(now.getTime() + DAY) });
    await reconcileAlerts(db, tenantB, now);
    expect(await kinds(tenantB)).toEqual([]);
  });

  it("raises on a failed run and clears when a later run succeeds", async () => {
    const at = (s: number) => new Date(Date.now() - 3600_000 + s * 1000);
    const [failed] = await db.insert(syncRuns).values({ connectionId: a, kind: "incremental", status: "failed", resources: ["customers"], errorCode: "fortnox_unavailable", createdAt: at(0), finishedAt: at(10) }).returning();
    const raised = await reconcileAlerts(db, tenantA);
    expect(raised.map((c) => [c.alert.kind, c.alert.detail])).toEqual([["run_failed", { runId: failed!.id, errorCode: "fortnox_unavailable" }]]);
    // A cancelled run says nothing about health.
    await db.insert(syncRuns).values({ connectionId: a, kind: "incremental", status: "cancelled", resources: ["customers"], createdAt: at(20), finishedAt: at(30) });
    expect(await reconcileAlerts(db, tenantA)).toEqual([]);
    await db.insert(syncRuns).values({ connectionId: a, kind: "incremental", status: "succeeded", resources: ["customers"], createdAt: at(40), finishedAt: at(50) });
    expect((await reconcileAlerts(db, tenantA)).map((c) => [c.event, c.alert.kind])).toEqual([["alert.resolved", "run_failed"]]);
  });

  describe("the webhook", () => {
    let boss: PgBoss;
    let hook: Awaited<ReturnType<typeof receiver>>;
    let other: Awaited<ReturnType<typeof receiver>>;
    const ring = testKeyRing();

    beforeAll(async () => {
      hook = await receiver([500]);
      other = await receiver([]);
      boss = await startBoss(t.handle, t.url);
      // Production's options (lib/jobs/alerts.ts) with a one-second first delay, so the test waits seconds, not minutes.
      await registerAlertWorkers(boss, bossDeliveryDeps(boss, db, ring), { queueOptions: { policy: "standard", retryLimit: 3, retryDelay: 1, retryBackoff: true, retryDelayMax: 5 }, pollingIntervalSeconds: 0.5 });
    });
    afterAll(async () => {
      await boss?.stop({ graceful: false, close: true });
      hook?.server.close();
      other?.server.close();
    });

    it("is signed (verifiable by recomputing the HMAC), retried after a 500, and recorded with its attempts", async () => {
      const { secret } = await saveAlertWebhook(db, ring, tenantA, hook.url, null);
      await saveAlertWebhook(db, ring, tenantB, other.url, null);
      await setConnection(a, { status: "needs_reconnect" });
      expect(await checkAllAlerts(bossDeliveryDeps(boss, db, ring))).toMatchObject({ raised: 1 });

      const delivery = await until(async () => {
        const [d] = await db.select().from(alertDeliveries).where(eq(alertDeliveries.tenantId, tenantA));
        return d?.status === "delivered" ? d : undefined;
      });
      expect(delivery).toMatchObject({ event: "alert.raised", kind: "needs_reconnect", attempts: 2, lastStatusCode: 200, lastError: null });
      expect(hook.received).toHaveLength(2);
      for (const r of hook.received) {
        const header = String(r.headers["brygga-signature"]);
        const [, ts, sig] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header)!;
        // What a receiver does, written out: HMAC-SHA256 of "<timestamp>.<raw body>" with the secret.
        expect(sig).toBe(createHmac("sha256", secret).update(`${ts}.${r.body}`).digest("hex"));
        expect(Math.abs(Date.now() / 1000 - Number(ts))).toBeLessThan(60);
        expect(r.headers["brygga-delivery"]).toBe(delivery.id);
        expect(JSON.parse(r.body)).toMatchObject({ id: delivery.id, event: "alert.raised", alert: { kind: "needs_reconnect", resolvedAt: null }, company: { name: "A AB", fortnoxTenantId: 9601 } });
        expect(verifySignature(secret, header, r.body)).toBe("ok");
        // A changed body, another secret, or a replay after the tolerance are all refused.
        expect(verifySignature(secret, header, r.body.replace("needs_reconnect", "run_failed"))).toBe("mismatch");
        expect(verifySignature("whsec_other", header, r.body)).toBe("mismatch");
        expect(verifySignature(secret, header, r.body, new Date((Number(ts) + 301) * 1000))).toBe("stale");
      }
      // Company B's alerts (it has none) never reach A's receiver, and A's never reach B's.
      expect(other.received).toHaveLength(0);
      expect(await db.select().from(alertDeliveries).where(eq(alertDeliveries.tenantId, tenantB))).toEqual([]);

      // The condition clears: one "resolved" delivery.
      await setConnection(a, { status: "active" });
      await checkAllAlerts(bossDeliveryDeps(boss, db, ring));
      await until(() => Promise.resolve(hook.received.length === 3 ? true : undefined));
      expect(JSON.parse(hook.received[2]!.body)).toMatchObject({ event: "alert.resolved", alert: { kind: "needs_reconnect" } });
      expect((await db.select().from(alerts).where(eq(alerts.tenantId, tenantA))).every((x) => x.resolvedAt !== null)).toBe(true);
    }, 60_000);

    it("queues a delivery whose job was never queued (a crash after the commit) at the next check", async () => {
      const [alert] = await db.select().from(alerts).where(eq(alerts.tenantId, tenantA)).limit(1);
      const [stranded] = await db
        .insert(alertDeliveries)
        .values({ tenantId: tenantA, alertId: alert!.id, event: "alert.resolved", kind: alert!.kind, url: hook.url, createdAt: new Date(Date.now() - 11 * 60_000) })
        .returning();
      const before = hook.received.length;
      expect(await checkAllAlerts(bossDeliveryDeps(boss, db, ring))).toMatchObject({ raised: 0, resolved: 0, requeued: 1 });
      await until(() => Promise.resolve(hook.received.length === before + 1 ? true : undefined));
      expect(hook.received.at(-1)!.headers["brygga-delivery"]).toBe(stranded!.id);
      const [done] = await db.select().from(alertDeliveries).where(eq(alertDeliveries.id, stranded!.id));
      expect(done).toMatchObject({ status: "delivered", attempts: 1 });
    }, 60_000);

    it("in production, never sends to a loopback or private address (the receiver gets nothing)", async () => {
      const [alert] = await db.select().from(alerts).where(eq(alerts.tenantId, tenantA)).limit(1);
      const [pending] = await db.insert(alertDeliveries).values({ tenantId: tenantA, alertId: alert!.id, event: "alert.raised", kind: alert!.kind, url: hook.url }).returning();
      const before = hook.received.length;
      await expect(attemptDelivery({ db, ring, publicOnly: true }, pending!.id, true)).rejects.toThrow(/private or local address/);
      expect(hook.received).toHaveLength(before);
      const [refused] = await db.select().from(alertDeliveries).where(eq(alertDeliveries.id, pending!.id));
      expect(refused).toMatchObject({ status: "failed", attempts: 1, lastStatusCode: null });
      expect(refused!.lastError).toMatch(/private or local address/);
    });

    it("in production, connects only to the addresses it checked: a DNS answer that turns private between check and connection is refused", async () => {
      // "localhost" is the receiver to the system's resolver, so a request that resolved the host
      // again on its own would arrive. Here the check sees a public answer and the connection the rebound one.
      const answers = [[{ address: "93.184.216.34", family: 4 }]];
      const resolve = (host: string) => Promise.resolve(host === "localhost" ? (answers.shift() ?? [{ address: "127.0.0.1", family: 4 }]) : []);
      const port = new URL(hook.url).port;
      await saveAlertWebhook(db, ring, tenantA, `http://localhost:${port}/hooks/brygga`, null);
      try {
        const [alert] = await db.select().from(alerts).where(eq(alerts.tenantId, tenantA)).limit(1);
        const [pending] = await db.insert(alertDeliveries).values({ tenantId: tenantA, alertId: alert!.id, event: "alert.raised", kind: alert!.kind, url: hook.url }).returning();
        const before = hook.received.length;
        await expect(attemptDelivery({ db, ring, publicOnly: true, resolve }, pending!.id, true)).rejects.toThrow(/private or local address/);
        expect(answers).toHaveLength(0);
        expect(hook.received).toHaveLength(before);
        const [refused] = await db.select().from(alertDeliveries).where(eq(alertDeliveries.id, pending!.id));
        expect(refused!.lastError).toMatch(/private or local address/);
      } finally {
        await saveAlertWebhook(db, ring, tenantA, hook.url, null);
      }
    });
  });
});
