/**
 * A separate worker process for the multi-process sync tests: runs a sync of one connection, or
 * brings a list of records up to date, against the sandbox. Configured through SYNC_CHILD_* env.
 * Run with `tsx --conditions=react-server` so `server-only` resolves to its empty module.
 */
import { openDatabase } from "@/lib/db/client";
import { runSync } from "@/lib/sync/engine";
import { forEachConcurrent } from "@/lib/sync/pool";
import { syncOneRecord } from "@/lib/sync/records";
import { syncResource } from "@/lib/sync/resources";

import { engineDeps } from "./sync";

const e = process.env;
const handle = await openDatabase(e.SYNC_CHILD_DB_URL ? { driver: "pg", url: e.SYNC_CHILD_DB_URL, poolSize: 20 } : { driver: "pglite", dir: e.SYNC_CHILD_PGLITE_DIR! });
const [requests, windowMs] = e.SYNC_CHILD_RATE!.split("/").map(Number) as [number, number];
const deps = engineDeps(handle.db, e.SYNC_CHILD_SANDBOX_URL!, { clientId: e.SYNC_CHILD_CLIENT_ID!, clientSecret: e.SYNC_CHILD_CLIENT_SECRET! }, () => Number(e.SYNC_CHILD_TENANT_ID), { requests, windowMs });
const connectionId = e.SYNC_CHILD_CONNECTION_ID!;
await new Promise((r) => setTimeout(r, Math.max(0, Number(e.SYNC_CHILD_START_AT ?? 0) - Date.now())));
if (e.SYNC_CHILD_MODE === "records") {
  const numbers = e.SYNC_CHILD_NUMBERS!.split(",");
  await forEachConcurrent(numbers, 8, async (n) => void (await syncOneRecord(handle.db, deps.apiFor, connectionId, syncResource("invoices"), n)));
  process.stdout.write(JSON.stringify({ updated: numbers.length }) + "\n");
} else {
  const run = await runSync(deps, connectionId);
  process.stdout.write(JSON.stringify({ status: run?.status ?? null, error: run?.errorMessage ?? null }) + "\n");
}
await handle.close();
