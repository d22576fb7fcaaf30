/**
 * `npm run worker`: an extra job-worker process (sync runs, record updates, schedules), for
 * PostgreSQL deployments. Start any number, on any machine that reaches the database; they share
 * the job queue and each Fortnox tenant's rate-limit budget through it. The portal process runs
 * the same workers, so this is only for more capacity.
 */
import { getDatabase } from "@/lib/db/client";
import { EnvError, getEnv } from "@/lib/env";
import { startBoss } from "@/lib/jobs/boss";
import { registerWorkers, stopSyncWorkers } from "@/lib/jobs/workers";
import { logger } from "@/lib/log";
import { startProcessRealtime, stopProcessRealtime } from "@/lib/sync/realtime/production";

try {
  const env = getEnv();
  if (env.database.driver !== "pg") {
    console.error(
      "npm run worker needs PostgreSQL: set DATABASE_URL. The embedded database (PGlite) allows one process only, and the portal already runs the workers in-process.",
    );
    process.exit(1);
  }
  const handle = await getDatabase();
  const boss = await startBoss(handle, env.database.url);
  await registerWorkers(boss, { syncConcurrency: Number(process.argv[2] ?? 2) || 2 });
  // Every process competes for the one WebSocket consumer; only the advisory lock's holder runs it.
  await startProcessRealtime(handle, boss);
  logger.info("worker ready", { pid: process.pid });
  const stop = async () => {
    // Runs in progress are handed back for another worker, so the graceful stop below is quick.
    stopSyncWorkers();
    await stopProcessRealtime();
    await boss.stop({ graceful: true, timeout: 30_000 });
    await handle.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop());
  process.once("SIGTERM", () => void stop());
} catch (e) {
  console.error(e instanceof EnvError ? e.problems.join("\n") : e instanceof Error ? `Worker could not start: ${e.message}` : e);
  process.exit(1);
}
