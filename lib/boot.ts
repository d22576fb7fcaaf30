import "server-only";

import { getDatabase, optimizeWasmForServing } from "@/lib/db/client";
import { EnvError, getEnv } from "@/lib/env";
import { startBoss } from "@/lib/jobs/boss";
import { registerWorkers } from "@/lib/jobs/workers";
import { startProcessRealtime } from "@/lib/sync/realtime/production";
import { logger } from "@/lib/log";

/**
 * Server start-up, called once from instrumentation.ts: validate configuration (a bad setting
 * stops the server with a message naming it), then open and migrate the database before the
 * first request is served, and start the job workers.
 */
export async function boot(): Promise<void> {
  try {
    const env = getEnv();
    if (env.database.driver === "pglite") optimizeWasmForServing();
    const handle = await getDatabase();
    const boss = await startBoss(handle, env.database.driver === "pg" ? env.database.url : undefined);
    await registerWorkers(boss, { work: env.jobWorkers });
    // After the workers: the consumer enqueues onto `sync/record`, which registerWorkers creates.
    // A portal that only queues jobs (JOB_WORKERS=off) leaves the WebSocket to the workers too.
    if (env.jobWorkers) await startProcessRealtime(handle, boss);
    logger.info("brygga ready", { mode: env.mode, database: handle.driver });
  } catch (error) {
    if (error instanceof EnvError) {
      for (const problem of error.problems) console.error(problem);
    } else if (error instanceof Error) {
      console.error(`Brygga could not start: ${error.message}`);
    } else {
      console.error("Brygga could not start", error);
    }
    process.exit(1);
  }
}
