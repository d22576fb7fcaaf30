import "server-only";

import type { PgBoss } from "pg-boss";

import { getDb } from "@/lib/db/client";
import { getTokenManager } from "@/lib/fortnox/tokens";
import { logger } from "@/lib/log";
import { getEngineDeps } from "@/lib/sync/deps";
import { runSync } from "@/lib/sync/engine";
import { syncOneRecord } from "@/lib/sync/records";
import { requestSync, sendRunJob } from "@/lib/sync/request";
import { syncResource } from "@/lib/sync/resources";
import { listDueSyncs } from "@/lib/sync/schedule";
import { startRunWatchdog } from "@/lib/sync/watchdog";

import { QUEUES, type SyncRecordJob, type SyncRunJob } from "./queues";

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
}

/**
 * Registers every worker and schedule. Runs inside the app process (always, and the only option
 * on PGlite) and in `npm run worker` processes on PostgreSQL. Every process shares one rate-limit
 * budget per Fortnox tenant through the database, so adding workers never adds 429s.
 */
export async function registerWorkers(boss: PgBoss, options: WorkerOptions = {}): Promise<void> {
  await boss.createQueue(QUEUES.tokenKeepAlive, { policy: "singleton" });
  // One waiting run job per connection, any number active (see QUEUES.syncRun). Its heartbeat lets
  // pg-boss fail a dead worker's job within ~30 s instead of the default 15-minute expiry; the expiry
  // itself is the maximum, since a large first sync runs for hours at Fortnox's rate. No retries:
  // the run is durable in sync_runs, and the watchdog queues a new job for it when it is abandoned.
  await boss.createQueue(QUEUES.syncRun, { policy: "short", heartbeatSeconds: 30, expireInSeconds: 24 * 3600, retryLimit: 0 });
  await boss.createQueue(QUEUES.syncSchedule, { policy: "singleton" });
  await boss.createQueue(QUEUES.syncRecord, { policy: "standard" });

  // Daily, at night Swedish time: refresh connections idle for 30 days so none reaches Fortnox's 45-day expiry.
  await boss.schedule(QUEUES.tokenKeepAlive, "15 3 * * *", {}, { tz: "Europe/Stockholm" });
  await boss.schedule(QUEUES.syncSchedule, "* * * * *", {}, { tz: "Europe/Stockholm" });

  await boss.work(QUEUES.tokenKeepAlive, async () => {
    const result = await (await getTokenManager()).keepAlive();
    logger.info("token keep-alive done", result);
    return result;
  });

  const deps = await getEngineDeps();
  await boss.work<SyncRunJob>(QUEUES.syncRun, { localConcurrency: options.syncConcurrency ?? 2, pollingIntervalSeconds: 1 }, async ([job]) => {
    if (!job) return;
    const run = await runSync(deps, job.data.connectionId, stopping.signal);
    if (run) logger.info("sync run finished", { runId: run.id, connectionId: run.connectionId, status: run.status, requests: run.requests });
  });

  await boss.work(QUEUES.syncSchedule, async () => {
    const db = await getDb();
    for (const due of await listDueSyncs(db)) await requestSync(db, boss, due.connectionId, due.kind, "schedule");
  });

  // Abandoned runs (a killed worker; on PGlite, this data directory's previous process) are queued
  // again: at once on start, then every WATCHDOG_MS.
  const dog = startRunWatchdog({ db: deps.db, claim: { owner: deps.owner!, exclusive: deps.exclusive }, wake: (connectionId) => sendRunJob(boss, connectionId) });
  watchdog = dog;
  await dog.sweep();

  await boss.work<SyncRecordJob>(QUEUES.syncRecord, { localConcurrency: 4, pollingIntervalSeconds: 1 }, async ([job]) => {
    if (!job) return;
    const { connectionId, resource, number } = job.data;
    await syncOneRecord(deps.db, deps.apiFor, connectionId, syncResource(resource), number);
  });
}
