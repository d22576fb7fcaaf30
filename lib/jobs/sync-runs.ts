import "server-only";

import type { PgBoss } from "pg-boss";

import { ensureQueue, NOTIFY_BACKSTOP } from "@/lib/jobs/boss";
import { logger } from "@/lib/log";
import { processOwner } from "@/lib/sync/claim";
import type { EngineDeps } from "@/lib/sync/context";
import { runSync } from "@/lib/sync/engine";
import { sendRunJob } from "@/lib/sync/request";
import { startRunWatchdog, WATCHDOG_MS } from "@/lib/sync/watchdog";

import { QUEUES, type SyncRunJob } from "./queues";

/**
 * The `sync/work` queue and its worker, plus this process's run watchdog. One job waits per
 * connection, any number may be active (QUEUES.syncRun): the run's claim in the database is the
 * mutual exclusion. The job's heartbeat lets pg-boss fail a dead worker's job within ~30 s rather
 * than the default 15-minute expiry, though nothing waits for that: the watchdog queues a fresh job
 * for an abandoned run, and it does not queue behind the dead one. The expiry is pg-boss's maximum,
 * since a first sync of a large company runs for hours at Fortnox's rate. No retries: the run itself
 * is durable in sync_runs. Production (lib/jobs/workers.ts) and the multi-process tests both use this.
 */
export const SYNC_RUN_QUEUE_OPTIONS = { policy: "short", heartbeatSeconds: 30, expireInSeconds: 24 * 3600, retryLimit: 0 } as const;

const EXCLUSIVE_WATCHDOG_MS = 60_000;

export async function registerSyncRunWorker(
  boss: PgBoss,
  deps: EngineDeps,
  o: { concurrency?: number; stopping?: AbortSignal; watchdogMs?: number } = {},
): Promise<{ stop(): void }> {
  await ensureQueue(boss, QUEUES.syncRun, SYNC_RUN_QUEUE_OPTIONS);
  await boss.work<SyncRunJob>(QUEUES.syncRun, { localConcurrency: o.concurrency ?? 2, pollingIntervalSeconds: 1, ...NOTIFY_BACKSTOP }, async ([job]) => {
    if (!job) return;
    const run = await runSync(deps, job.data.connectionId, o.stopping);
    if (run) logger.info("sync run finished", { runId: run.id, connectionId: run.connectionId, status: run.status, requests: run.requests });
  });
  // Abandoned runs (a killed worker; on PGlite, this data directory's previous process) are queued
  // again: at once on start, then every WATCHDOG_MS. A process that holds its database alone
  // (PGlite) has no live peers to outlive: after the start-up sweep only a run that lost its job
  // (queueing it failed) can turn up, so it looks once a minute and the idle portal stays idle.
  const dog = startRunWatchdog({
    db: deps.db,
    claim: { owner: deps.owner ?? processOwner(), exclusive: deps.exclusive, staleAfterMs: deps.staleAfterMs },
    wake: (connectionId) => sendRunJob(boss, connectionId),
    everyMs: o.watchdogMs ?? (deps.exclusive ? EXCLUSIVE_WATCHDOG_MS : WATCHDOG_MS),
  });
  await dog.sweep();
  return dog;
}
