import type { AddressInfo } from "node:net";

import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { WebSocketServer, type WebSocket } from "ws";

import { connections, tenants } from "@/lib/db/schema";
import type { SyncRecordJob } from "@/lib/jobs/queues";
import { testDatabases, type TestDatabase } from "@/lib/testing/databases";

import { startRealtime } from "../realtime";
import { singleProcessLock } from "./lock";

/**
 * The consumer against a scripted topics server, for what the sandbox does not do: refuse a tenant,
 * drop the connection after subscribing (as Fortnox may when a token expires), and send topics and
 * tenants Brygga does not know. Also proves no token reaches a log line.
 */

type Msg = Record<string, unknown>;

async function scriptedServer() {
  const wss = new WebSocketServer({ port: 0, host: "127.0.0.1" });
  const sessions: { commands: Msg[] }[] = [];
  wss.on("connection", (ws: WebSocket) => {
    const session = { commands: [] as Msg[] };
    sessions.push(session);
    const n = sessions.length;
    ws.on("message", (data) => {
      const msg = JSON.parse((data as Buffer).toString("utf8")) as Msg;
      session.commands.push(msg);
      const send = (body: Msg) => ws.send(JSON.stringify(body));
      if (msg.command === "add-tenants-v1") {
        // Tokens name their tenant here; "refuse" ones are turned away, as an expired token would be.
        const tokens = msg.accessTokens as string[];
        const ok = tokens.filter((t) => !t.includes("refuse")).map((t) => Number(t.split(":")[1]));
        send({ response: "add-tenants-v1", result: ok.length === tokens.length ? "ok" : "error", tenantIds: Object.fromEntries(ok.map((t, i) => [`x${i}`, t])) });
      } else if (msg.command === "add-topics-v1" || msg.command === "subscribe-v1") {
        send({ response: msg.command, result: "ok" });
      }
      if (msg.command !== "subscribe-v1") return;
      if (n === 1) {
        send({ topic: "customers", offset: "a1", type: "customer-updated-v1", tenantId: 1001, entityId: "5", timestamp: "2026-01-01T10:00:00.000+01:00" });
        send({ topic: "vouchers", offset: "a2", type: "voucher-created-v1", tenantId: 1001, entityId: "A-1" });
        send({ topic: "customers", offset: "a3", type: "customer-updated-v1", tenantId: 4242, entityId: "9" });
        setTimeout(() => ws.close(1011, "token expired"), 100);
      } else {
        send({ topic: "invoices", offset: "a4", type: "invoice-bookkeep-v1", tenantId: "1001", entityId: 77 });
      }
    });
  });
  await new Promise((r) => wss.once("listening", r));
  return { wss, sessions, url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/topics-v1` };
}

describe.each(testDatabases())("the topics protocol on $name", (factory) => {
  let t: TestDatabase;
  let good: string;
  let refused: string;
  beforeAll(async () => {
    t = await factory.create();
    const [a, b] = await t.handle.db
      .insert(tenants)
      .values([
        { fortnoxTenantId: 1001, organisationNumber: "556677-8899", name: "Godkänd AB" },
        { fortnoxTenantId: 1002, organisationNumber: "556677-8898", name: "Nekad AB" },
      ])
      .returning();
    const rows = await t.handle.db.insert(connections).values([{ tenantId: a!.id, scopes: [] }, { tenantId: b!.id, scopes: [] }]).returning();
    [good, refused] = [rows[0]!.id, rows[1]!.id];
  });
  afterAll(async () => t?.dispose());

  it("handles refusals, unknown topics and tenants, and a dropped connection; reconnects with fresh tokens from the stored offsets", async () => {
    const server = await scriptedServer();
    const jobs: SyncRecordJob[] = [];
    const issued: string[] = [];
    let n = 0;
    const logged: string[] = [];
    const capture = (stream: NodeJS.WriteStream) =>
      vi.spyOn(stream, "write").mockImplementation((chunk: string | Uint8Array) => {
        logged.push(String(chunk));
        return true;
      });
    const spies = [capture(process.stdout), capture(process.stderr)];
    const rt = await startRealtime({
      db: t.handle.db,
      enqueue: (job) => Promise.resolve(void jobs.push(job)),
      wsUrl: server.url,
      clientId: "app-1",
      clientSecret: "s3cret-client-secret",
      getAccessToken: (id) => {
        const token = `eyJtoken${++n}${id === refused ? "refuse" : ""}:${id === good ? 1001 : 1002}`;
        issued.push(token);
        return Promise.resolve(token);
      },
      lock: singleProcessLock(),
      timing: { backoffBaseMs: 20, backoffCapMs: 100 },
    });
    try {
      await vi.waitFor(() => expect(jobs).toHaveLength(2), { timeout: 10_000, interval: 20 });
    } finally {
      await rt.stop();
      spies.forEach((s) => s.mockRestore());
      await new Promise((r) => server.wss.close(r));
    }

    // Only the known tenant and topics became jobs; the entity id is kept as Fortnox's text.
    expect(jobs).toEqual([
      { connectionId: good, resource: "customers", number: "5" },
      { connectionId: good, resource: "invoices", number: "77" },
    ]);
    const [first, second] = server.sessions;
    const added = (s: { commands: Msg[] }) => s.commands.find((c) => c.command === "add-tenants-v1")!;
    expect(added(first!).clientSecret).toBe("s3cret-client-secret");
    // The second connection presented tokens issued after the drop, not the old ones.
    expect((added(second!).accessTokens as string[]).every((tok) => !(added(first!).accessTokens as string[]).includes(tok))).toBe(true);
    // The unknown tenant's event still moved the customers offset; the unknown topic stored nothing.
    expect(second!.commands.find((c) => c.command === "add-topics-v1")!.topics).toEqual([{ topic: "customers", offset: "a3" }, { topic: "articles" }, { topic: "invoices" }]);

    const lines = logged.join("");
    expect(lines).toContain("Fortnox refused tenants");
    expect(lines).toContain(refused);
    expect(lines).toContain("token expired");
    for (const secret of [...issued, "s3cret-client-secret"]) expect(lines).not.toContain(secret);
  });
});
