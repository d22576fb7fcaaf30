import "server-only";

import type { PgBoss } from "pg-boss";

import type { Database } from "@/lib/db/client";
import { QUEUES, type SyncRunJob } from "@/lib/jobs/queues";

import { getSyncSettings } from "./settings";
import { queueRun, type SyncKind, type SyncTrigger } from "./runs";

/**
 * Ask for a sync of a connection: records the run (unless one is already open, which then
 * answers) and wakes a worker. Safe to call any number of times; at most one run is open.
 */
export async function requestSync(db: Database, boss: PgBoss, connectionId: string, kind: SyncKind, trigger: SyncTrigger) {
  const settings = await getSyncSettings(db, connectionId);
  const result = await queueRun(db, connectionId, kind, trigger, settings.resources);
  await sendRunJob(boss, connectionId);
  return result;
}

/** Wake a worker for the connection's open run; a job already waiting for it answers instead (the queue keys on the connection). */
export async function sendRunJob(boss: PgBoss, connectionId: string): Promise<void> {
  await boss.send(QUEUES.syncRun, { connectionId } satisfies SyncRunJob, { singletonKey: connectionId });
}
