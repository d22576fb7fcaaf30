import "server-only";

import type { PgBoss } from "pg-boss";

import { getRecheckDeps } from "@/lib/connections/recheck-deps";
import { recheckMemberships } from "@/lib/connections/recheck";
import { getDb } from "@/lib/db/client";
import { getTokenManager } from "@/lib/fortnox/tokens";
import { logger } from "@/lib/log";
import { getEngineDeps } from "@/lib/sync/deps";
import { runSync } from "@/lib/sync/engine";
import { syncOneRecord } from "@/lib/sync/records";
import { requestSync, sendRunJob } from "@/lib/sync/request";
import { syncResource } from "@/lib/sync/resources";
import { listDueSyncs } from "@/lib/sync/schedule";

import { QUEUES, type SyncRecordJob, type SyncRunJob } from "./queues";

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
  await boss.createQueue(QUEUES.tokenKeepAlive, { policy: "singleton" });
  // One active and one waiting run job per connection; the run table allows one open run too.
  await boss.createQueue(QUEUES.syncRun, { policy: "stately" });
  await boss.createQueue(QUEUES.syncSchedule, { policy: "singleton" });
  await boss.createQueue(QUEUES.syncRecord, { policy: "standard" });
  await boss.createQueue(QUEUES.membershipRecheck, { policy: "singleton" });

  // Daily, at night Swedish time: refresh connections idle for 30 days so none reaches Fortnox's 45-day expiry.
  await boss.schedule(QUEUES.tokenKeepAlive, "15 3 * * *", {}, { tz: "Europe/Stockholm" });
  await boss.schedule(QUEUES.syncSchedule, "* * * * *", {}, { tz: "Europe/Stockholm" });
  await boss.schedule(QUEUES.membershipRecheck, "45 3 * * *", {}, { tz: "Europe/Stockholm" });
  if (options.work === false) return;

  await boss.work(QUEUES.membershipRecheck, async () => {
    const result = await recheckMemberships(await getRecheckDeps());
    logger.info("membership re-check done", { ...result });
    return result;
  });

  await boss.work(QUEUES.tokenKeepAlive, async () => {
    const result = await (await getTokenManager()).keepAlive();
    logger.info("token keep-alive done", result);
    return result;
  });

  await boss.work<SyncRunJob>(QUEUES.syncRun, { localConcurrency: options.syncConcurrency ?? 2, pollingIntervalSeconds: 1 }, async ([job]) => {
    if (!job) return;
    const run = await runSync(await getEngineDeps(), job.data.connectionId);
    if (run) logger.info("sync run finished", { runId: run.id, connectionId: run.connectionId, status: run.status, requests: run.requests });
  });

  await boss.work(QUEUES.syncSchedule, async () => {
    const db = await getDb();
    for (const due of await listDueSyncs(db)) {
      if (due.kind === "resume") await sendRunJob(boss, due.connectionId);
      else await requestSync(db, boss, due.connectionId, due.kind, "schedule");
    }
  });

  await boss.work<SyncRecordJob>(QUEUES.syncRecord, { localConcurrency: 4, pollingIntervalSeconds: 1 }, async ([job]) => {
    if (!job) return;
    const { connectionId, resource, number } = job.data;
    const deps = await getEngineDeps();
    await syncOneRecord(deps.db, deps.apiFor, connectionId, syncResource(resource), number);
  });
}
