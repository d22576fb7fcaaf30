import "server-only";

import type { PgBoss } from "pg-boss";

import { getRecheckDeps } from "@/lib/connections/recheck-deps";
import { recheckMemberships } from "@/lib/connections/recheck";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { getTokenManager } from "@/lib/fortnox/tokens";
import { ensureQueue, NOTIFY_BACKSTOP } from "@/lib/jobs/boss";
import { logger } from "@/lib/log";
import { getEngineDeps } from "@/lib/sync/deps";
import { syncOneRecord } from "@/lib/sync/records";
import { requestSync } from "@/lib/sync/request";
import { syncResource } from "@/lib/sync/resources";
import { listDueSyncs } from "@/lib/sync/schedule";

import { bossDeliveryDeps, registerAlertWorkers } from "./alerts";
import { QUEUES } from "./queues";
import { registerRecordWorkers } from "./record-workers";
import { registerSyncRunWorker, SYNC_RUN_QUEUE_OPTIONS } from "./sync-runs";

const stopping = new AbortController();
let watchdog: { stop(): void } | undefined;

/**
 * Stop taking work and hand this process's open runs back (queued again from their checkpoints), so
 * another worker, or this one after a restart, resumes them at once instead of after the stale
 * threshold. Call before stopping the job queue.
 */
export function stopSyncWorkers(): void {
  watchdog?.stop();
  stopping.abort();
}

export interface WorkerOptions {
  /** Sync runs this process works at once (each on its own connection). */
  syncConcurrency?: number;
  /** false: create the queues and schedules, work nothing (a portal with JOB_WORKERS=off). */
  work?: boolean;
}

/**
 * Registers every worker and schedule. Runs inside the app process (always, and the only option
 * on PGlite) and in `npm run worker` processes on PostgreSQL. Every process shares one rate-limit
 * budget per Fortnox tenant through the database, so adding workers never adds 429s.
 */
export async function registerWorkers(boss: PgBoss, options: WorkerOptions = {}): Promise<void> {
  await ensureQueue(boss, QUEUES.tokenKeepAlive, { policy: "singleton" });
  await ensureQueue(boss, QUEUES.syncSchedule, { policy: "singleton" });
  await ensureQueue(boss, QUEUES.syncRecord, { policy: "standard" });
  await ensureQueue(boss, QUEUES.membershipRecheck, { policy: "singleton" });

  // Daily, at night Swedish time: refresh connections idle for 30 days so none reaches Fortnox's 45-day expiry.
  await boss.schedule(QUEUES.tokenKeepAlive, "15 3 * * *", {}, { tz: "Europe/Stockholm" });
  await boss.schedule(QUEUES.syncSchedule, "* * * * *", {}, { tz: "Europe/Stockholm" });
  await boss.schedule(QUEUES.membershipRecheck, "45 3 * * *", {}, { tz: "Europe/Stockholm" });
  // Production webhooks reach the public internet only; demo and tests deliver to local receivers.
  await registerAlertWorkers(boss, bossDeliveryDeps(boss, await getDb(), getEnv().tokenKeys), { work: options.work, publicOnly: getEnv().mode === "production" });
  if (options.work === false) {
    // A portal that only queues (JOB_WORKERS=off) still sends run jobs.
    await ensureQueue(boss, QUEUES.syncRun, SYNC_RUN_QUEUE_OPTIONS);
    return;
  }

  await boss.work(QUEUES.membershipRecheck, NOTIFY_BACKSTOP, async () => {
    const result = await recheckMemberships(await getRecheckDeps());
    logger.info("membership re-check done", { ...result });
    return result;
  });

  await boss.work(QUEUES.tokenKeepAlive, NOTIFY_BACKSTOP, async () => {
    const result = await (await getTokenManager()).keepAlive();
    logger.info("token keep-alive done", result);
    return result;
  });

  const deps = await getEngineDeps();
  watchdog = await registerSyncRunWorker(boss, deps, { concurrency: options.syncConcurrency, stopping: stopping.signal });

  await boss.work(QUEUES.syncSchedule, NOTIFY_BACKSTOP, async () => {
    const db = await getDb();
    for (const due of await listDueSyncs(db)) await requestSync(db, boss, due.connectionId, due.kind, "schedule");
  });

  await registerRecordWorkers(boss, ({ connectionId, resource, number }) => syncOneRecord(deps.db, deps.apiFor, connectionId, syncResource(resource), number));
}
