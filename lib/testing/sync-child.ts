/**
 * A separate worker process for the multi-process sync tests, configured through SYNC_CHILD_* env:
 * - `sync` (default): run one sync of the connection and print its outcome;
 * - `records`: bring a list of invoices up to date;
 * - `worker`: what `npm run worker` (or the portal) runs for sync: pg-boss's `sync/work` queue and
 *   the run watchdog, with the production settings unless SYNC_CHILD_STALE_MS / _HEARTBEAT_MS /
 *   _WATCHDOG_MS say otherwise. It prints its owner id, then one line per change of the run
 *   (owner, epoch, status), and exits once the run has ended.
 * Run with `tsx --conditions=react-server` so `server-only` resolves to its empty module.
 */
import { desc, eq } from "drizzle-orm";

import { openDatabase } from "@/lib/db/client";
import { syncRuns } from "@/lib/db/schema";
import { startBoss } from "@/lib/jobs/boss";
import { registerSyncRunWorker } from "@/lib/jobs/sync-runs";
import { processOwner } from "@/lib/sync/claim";
import { runSync } from "@/lib/sync/engine";
import { forEachConcurrent } from "@/lib/sync/pool";
import { syncOneRecord } from "@/lib/sync/records";
import { sendRunJob } from "@/lib/sync/request";
import { syncResource } from "@/lib/sync/resources";

import { engineDeps } from "./sync";

const e = process.env;
const num = (v: string | undefined) => (v ? Number(v) : undefined);
const handle = await openDatabase(e.SYNC_CHILD_DB_URL ? { driver: "pg", url: e.SYNC_CHILD_DB_URL, poolSize: 20 } : { driver: "pglite", dir: e.SYNC_CHILD_PGLITE_DIR! });
const [requests, windowMs] = e.SYNC_CHILD_RATE!.split("/").map(Number) as [number, number];
const deps = engineDeps(handle.db, e.SYNC_CHILD_SANDBOX_URL!, { clientId: e.SYNC_CHILD_CLIENT_ID!, clientSecret: e.SYNC_CHILD_CLIENT_SECRET! }, () => Number(e.SYNC_CHILD_TENANT_ID), { requests, windowMs }, {
  owner: processOwner(),
  exclusive: handle.driver === "pglite",
  staleAfterMs: num(e.SYNC_CHILD_STALE_MS),
  heartbeatMs: num(e.SYNC_CHILD_HEARTBEAT_MS),
  rateLimit: { requests, windowMs },
});
const connectionId = e.SYNC_CHILD_CONNECTION_ID!;
const print = (line: object) => process.stdout.write(JSON.stringify({ child: true, ...line }) + "\n");
await new Promise((r) => setTimeout(r, Math.max(0, Number(e.SYNC_CHILD_START_AT ?? 0) - Date.now())));
if (e.SYNC_CHILD_MODE === "records") {
  const numbers = e.SYNC_CHILD_NUMBERS!.split(",");
  await forEachConcurrent(numbers, 8, async (n) => void (await syncOneRecord(handle.db, deps.apiFor, connectionId, syncResource("invoices"), n)));
  print({ updated: numbers.length });
} else if (e.SYNC_CHILD_MODE === "worker") {
  const boss = await startBoss(handle, e.SYNC_CHILD_DB_URL);
  await registerSyncRunWorker(boss, deps, { watchdogMs: num(e.SYNC_CHILD_WATCHDOG_MS) });
  print({ owner: deps.owner, at: Date.now() });
  if (e.SYNC_CHILD_WAKE) await sendRunJob(boss, connectionId);
  let last = "";
  for (;;) {
    const [run] = await handle.db.select().from(syncRuns).where(eq(syncRuns.connectionId, connectionId)).orderBy(desc(syncRuns.createdAt)).limit(1);
    const state = run ? { runId: run.id, owner: run.owner, epoch: run.epoch, status: run.status, counts: run.counts } : null;
    const key = JSON.stringify(state && { ...state, counts: undefined });
    if (key !== last) print({ ...state, at: Date.now() });
    last = key;
    if (run && !["queued", "running"].includes(run.status)) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  await boss.stop({ graceful: false });
} else {
  const run = await runSync(deps, connectionId);
  print({ status: run?.status ?? null, error: run?.errorMessage ?? null });
}
await handle.close();
