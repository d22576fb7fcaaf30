import { execFile, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { openDatabase, type DatabaseHandle } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { connectTestCompany, registerTestApp, testKeyRing } from "@/lib/testing/connect";
import { postgresOnly, testDatabases } from "@/lib/testing/databases";
import { startSandbox, type SandboxApp, type SandboxProcess } from "@/lib/testing/sandbox";
import { engineDeps, peakInWindow, requestLog, sandboxChecksums, storedChecksums } from "@/lib/testing/sync";

import { runSync } from "./engine";
import { RESOURCE_NAMES } from "./resources/types";
import { queueRun } from "./runs";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
// Node itself with tsx's loader, not the tsx CLI: the CLI runs the script in a grandchild that a
// SIGKILL of the CLI would leave running.
const NODE = process.execPath;
const CHILD = ["--conditions=react-server", "--import", "tsx", "lib/testing/sync-child.ts"];
const isDetail = (p: string) => /^\/3\/invoices\/\d+$/.test(p.split("?")[0]!);

function childEnv(sb: SandboxProcess, app: SandboxApp, db: { url?: string; dir?: string }, connectionId: string, tenantId: number, rate: string, extra: Record<string, string> = {}) {
  return {
    ...process.env,
    SYNC_CHILD_SANDBOX_URL: sb.url,
    SYNC_CHILD_CLIENT_ID: app.clientId,
    SYNC_CHILD_CLIENT_SECRET: app.clientSecret,
    SYNC_CHILD_CONNECTION_ID: connectionId,
    SYNC_CHILD_TENANT_ID: String(tenantId),
    SYNC_CHILD_RATE: rate,
    ...(db.url ? { SYNC_CHILD_DB_URL: db.url } : { SYNC_CHILD_PGLITE_DIR: db.dir! }),
    ...extra,
  };
}

describe.each(testDatabases())("a sync worker killed mid-run, on $name", (factory) => {
  let sb: SandboxProcess;
  let app: SandboxApp;
  let dir: string | undefined;
  let pgDispose: (() => Promise<void>) | undefined;
  const RATE = { requests: 25, windowMs: 250 };

  beforeAll(async () => {
    sb = await startSandbox(["--rate-limit", `${RATE.requests}/${RATE.windowMs}`]);
    app = await registerTestApp(sb);
  });
  afterAll(async () => {
    await sb?.stop();
    await pgDispose?.();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("SIGKILL during the detail phase: the next run resumes the same run and ends with the same checksum, nothing duplicated", async () => {
    // PGlite lives in one process at a time, so it gets a directory the parent hands over.
    let handle: DatabaseHandle;
    let url: string | undefined;
    if (factory.name === "pg") {
      const t = await factory.create();
      ({ handle, url } = t);
      pgDispose = () => t.dispose();
    } else {
      dir = mkdtempSync(path.join(tmpdir(), "brygga-kill-"));
      handle = await openDatabase({ driver: "pglite", dir: path.join(dir, "db") });
      await migrateDatabase(handle);
    }
    const { tenantId } = await sb.control<{ tenantId: number }>("POST", "/databases", { seed: { customers: 300, articles: 50, invoices: 600, seed: 3 } });
    const { connectionId } = await connectTestCompany(sb, app, handle.db, testKeyRing(), tenantId);
    const queued = await queueRun(handle.db, connectionId, "full", "manual", [...RESOURCE_NAMES]);
    if (!url) await handle.close();
    await sb.control("DELETE", "/requests");

    const child = spawn(NODE, CHILD, { cwd: ROOT, env: childEnv(sb, app, { url, dir: dir && path.join(dir, "db") }, connectionId, tenantId, "25/250"), stdio: "ignore" });
    const exited = new Promise((r) => child.once("exit", r));
    for (let i = 0; ; i++) {
      if ((await requestLog(sb)).filter((r) => isDetail(r.path)).length >= 200) break;
      if (i > 600) throw new Error("the child never reached the detail phase");
      await new Promise((r) => setTimeout(r, 100));
    }
    child.kill("SIGKILL");
    await exited;

    if (!url) handle = await openDatabase({ driver: "pglite", dir: path.join(dir!, "db") });
    // The killed worker's heartbeat is fresh; a worker a minute later sees it as abandoned.
    const deps = engineDeps(handle.db, sb.url, app, () => tenantId, RATE, { now: () => new Date(Date.now() + 2 * 60_000) });
    const resumed = await runSync(deps, connectionId);
    expect(resumed?.id).toBe(queued.run.id);
    expect(resumed?.status).toBe("succeeded");
    const [stored, truth] = await Promise.all([storedChecksums(handle.db, connectionId), sandboxChecksums(sb, tenantId)]);
    expect(stored).toEqual(truth);
    // Only what was in flight or fetched-but-unwritten at the kill is fetched twice.
    const details = (await requestLog(sb)).filter((r) => isDetail(r.path) && r.status === 200).length;
    expect(details).toBeGreaterThanOrEqual(600);
    expect(details).toBeLessThanOrEqual(600 + 8 + 25);
    if (!url) await handle.close();
  }, 180_000);
});

describe.each(postgresOnly())("two worker processes on one tenant, on $name", (factory) => {
  let sb: SandboxProcess;
  let app: SandboxApp;
  let dispose: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    // Fortnox's real window: 25 requests per 5 s.
    sb = await startSandbox();
    app = await registerTestApp(sb);
  });
  afterAll(async () => {
    await sb?.stop();
    await dispose?.();
  });

  it("never lets the sandbox see more than 25 requests in any 5-second window, and gets no 429", async () => {
    const t = await factory.create();
    dispose = () => t.dispose();
    const { tenantId } = await sb.control<{ tenantId: number }>("POST", "/databases", { seed: "tiny" });
    const { connectionId } = await connectTestCompany(sb, app, t.handle.db, testKeyRing(), tenantId);
    await queueRun(t.handle.db, connectionId, "full", "manual", [...RESOURCE_NAMES]);
    const invoices = await sb.control<{ id: string }[]>("GET", `/databases/${tenantId}/records/invoices`);
    await sb.control("DELETE", "/requests");
    // Connecting called /3/companyinformation and /3/me outside the limiter; let them leave
    // Fortnox's window so the log shows the workers' budget alone.
    const startAt = String(Date.now() + 5500);
    const run = (extra: Record<string, string>) => promisify(execFile)(NODE, CHILD, { cwd: ROOT, env: childEnv(sb, app, { url: t.url }, connectionId, tenantId, "25/5000", { SYNC_CHILD_START_AT: startAt, ...extra }) });
    const [a, b] = await Promise.all([run({ SYNC_CHILD_MODE: "sync" }), run({ SYNC_CHILD_MODE: "records", SYNC_CHILD_NUMBERS: invoices.map((i) => i.id).join(",") })]);
    expect(JSON.parse(a.stdout.trim().split("\n").pop()!)).toMatchObject({ status: "succeeded" });
    expect(JSON.parse(b.stdout.trim().split("\n").pop()!)).toMatchObject({ updated: invoices.length });
    const api = (await requestLog(sb)).filter((r) => r.path.startsWith("/3/"));
    // Well over one window's budget (how many exactly depends on which process fetched an invoice
    // first: a detail the record worker stored is not fetched again by the sync).
    expect(api.length).toBeGreaterThan(35);
    expect(api.filter((r) => r.status === 429)).toHaveLength(0);
    expect(peakInWindow(api, 5000)).toBeLessThanOrEqual(25);
  }, 120_000);
});
