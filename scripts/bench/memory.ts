/**
 * The memory figure of `npm run bench:sync`, in a process of its own so its peak RSS is the sync's
 * and nothing else's: a fresh database, an unthrottled sandbox (this measures memory, not the rate
 * limit), 100,000 records synced in full. Prints one JSON line.
 */
import { runSync } from "@/lib/sync/engine";
import { RESOURCE_NAMES } from "@/lib/sync/resources/types";
import { queueRun, type RunCounts } from "@/lib/sync/runs";
import { engineDeps } from "@/lib/testing/sync";

import { benchDatabase, benchSandbox, benchTenants, withPeakRss } from "./setup";

const db = await benchDatabase("brygga_bench_memory");
const m = await benchSandbox(10_000, 1000);
try {
  const [t] = await benchTenants(m, db.handle, [{ customers: 50_000, articles: 45_000, invoices: 5_000, seed: 5 }]);
  const deps = engineDeps(db.handle.db, m.sb.url, m.app, () => t!.tenantId, m.window, { detailConcurrency: 16 });
  await queueRun(db.handle.db, t!.connectionId, "full", "manual", [...RESOURCE_NAMES]);
  const baselineMb = process.memoryUsage().rss / 2 ** 20;
  const started = performance.now();
  const { result, peakRssMb } = await withPeakRss(() => runSync(deps, t!.connectionId));
  const ms = performance.now() - started;
  const records = Object.values((result?.counts ?? {}) as RunCounts).reduce((s, r) => s + (r?.fetched ?? 0), 0);
  process.stdout.write(JSON.stringify({ driver: db.driver, status: result?.status, records, ms, peakRssMb, baselineMb }) + "\n");
} finally {
  await m.sb.stop();
  await db.dispose();
}
