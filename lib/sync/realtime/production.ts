import "server-only";

import type { PgBoss } from "pg-boss";

import type { DatabaseHandle } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { getTokenManager } from "@/lib/fortnox/tokens";
import { QUEUES } from "@/lib/jobs/queues";
import { RECORD_JOB_RETRY } from "@/lib/jobs/record-workers";
import { logger } from "@/lib/log";

import { startRealtime, type EnqueueRecordJob, type RealtimeDeps, type RealtimeHandle } from "../realtime";
import { advisoryLock, singleProcessLock } from "./lock";

/**
 * The real-time consumer as a process runs it: pg-boss for the jobs, the process's token manager,
 * the configured Fortnox app, and the advisory lock on PostgreSQL (PGlite has one process only).
 */

/**
 * Record updates go to `sync/record` with `upsert` by key: while a job for the record is still
 * waiting, a new event joins it (one fetch sees the latest state); once it runs, the next event
 * queues a fresh job, so a change made during a fetch is never lost. (`send` with a singletonKey
 * would not collapse on the queue's standard policy.)
 */
export function bossEnqueue(boss: PgBoss): EnqueueRecordJob {
  return async (job, singletonKey) => {
    await boss.upsert(QUEUES.syncRecord, job, { singletonKey, ...RECORD_JOB_RETRY });
  };
}

export async function productionRealtimeDeps(handle: DatabaseHandle, boss: PgBoss): Promise<RealtimeDeps> {
  const env = getEnv();
  const tokens = await getTokenManager();
  return {
    db: handle.db,
    enqueue: bossEnqueue(boss),
    wsUrl: env.fortnox.wsUrl,
    clientId: env.fortnox.clientId,
    clientSecret: env.fortnox.clientSecret,
    getAccessToken: (connectionId) => tokens.getAccessToken(connectionId),
    lock: env.database.driver === "pg" ? advisoryLock(env.database.url) : singleProcessLock(),
  };
}

const holder = globalThis as unknown as { __bryggaRealtime?: Promise<RealtimeHandle> };

/**
 * Start this process's consumer once (boot and the worker script both call it; every process that
 * calls it competes for the lock, and one consumes). Call after registerWorkers, which creates the
 * `sync/record` queue.
 */
export function startProcessRealtime(handle: DatabaseHandle, boss: PgBoss): Promise<RealtimeHandle> {
  holder.__bryggaRealtime ??= productionRealtimeDeps(handle, boss).then(startRealtime);
  return holder.__bryggaRealtime;
}

/**
 * Tell the consumer the connections changed (a company connected, disconnected, or changed its
 * real-time setting). In a process that is not the consumer this does nothing harmful: the one
 * that is re-reads the connections within a minute anyway.
 */
export async function refreshRealtime(): Promise<void> {
  await (await holder.__bryggaRealtime)?.refresh();
}

/**
 * refreshRealtime without waiting for it: a sign-in or a settings form should not wait on Fortnox's
 * WebSocket. A company connected a moment ago then gets its events within seconds, not a minute.
 */
export function nudgeRealtime(): void {
  refreshRealtime().catch((error: unknown) => logger.warn("realtime: could not re-read the connections", { error }));
}

/** Stop this process's consumer (graceful shutdown), releasing the lock for another process. */
export async function stopProcessRealtime(): Promise<void> {
  const running = holder.__bryggaRealtime;
  holder.__bryggaRealtime = undefined;
  await (await running)?.stop();
}
