import "server-only";

import type { PgBoss } from "pg-boss";

import { NOTIFY_BACKSTOP } from "./boss";
import { QUEUES, type SyncRecordJob } from "./queues";

/**
 * A record job's retries: a few quick ones (about 2, 4 and 8 s), then the job fails where an
 * operator can see and retry it. The next scheduled sync fetches the record anyway, so waiting
 * minutes adds nothing.
 */
export const RECORD_JOB_RETRY = { retryLimit: 3, retryDelay: 2, retryBackoff: true, retryDelayMax: 60 } as const;

/** How often the retry-finding worker polls (seconds). */
export const RECORD_RETRY_POLL_S = 5;

/**
 * Four record syncs at once. NOTIFY wakes all four for a new event, but not when a failed attempt's
 * retry falls due (Fortnox busy, a 5xx): only polling finds those. One worker polls every
 * RECORD_RETRY_POLL_S for them and the other three keep the slow backstop. Four workers polling every
 * 5 s were 40 % of an idle portal's statements (96 of 228 in two minutes, in PostgreSQL's log).
 * lib/jobs/record-workers.int.test.ts.
 */
export async function registerRecordWorkers(boss: PgBoss, handle: (job: SyncRecordJob) => Promise<unknown>): Promise<void> {
  const work = async ([job]: { data: SyncRecordJob }[]) => {
    if (job) await handle(job.data);
  };
  await boss.work<SyncRecordJob>(QUEUES.syncRecord, { pollingIntervalSeconds: 1, notifyPollingIntervalSeconds: RECORD_RETRY_POLL_S }, work);
  await boss.work<SyncRecordJob>(QUEUES.syncRecord, { localConcurrency: 3, pollingIntervalSeconds: 1, ...NOTIFY_BACKSTOP }, work);
}
