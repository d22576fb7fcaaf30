import "server-only";

import type { PgBoss } from "pg-boss";

import { redact } from "@/lib/log";

export interface QueueCounts {
  name: string;
  policy: string;
  queued: number;
  deferred: number;
  active: number;
  failed: number;
  total: number;
}

export async function listQueues(boss: PgBoss): Promise<QueueCounts[]> {
  const queues = await boss.getQueues();
  return queues
    .map((q) => ({ name: q.name, policy: String(q.policy ?? ""), queued: q.queuedCount, deferred: q.deferredCount, active: q.activeCount, failed: q.failedCount, total: q.totalCount }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export interface FailedJob {
  id: string;
  queue: string;
  createdOn: Date;
  completedOn: Date | null;
  retryCount: number;
  /** Error and payload pass through the logger's redaction: no token or secret reaches the page. */
  error: string;
  payload: string;
}

const MAX_SHOWN = 50;

/** The newest failed jobs of a queue (pg-boss keeps failed jobs for its retention period). */
export async function listFailedJobs(boss: PgBoss, queue: string): Promise<FailedJob[]> {
  const jobs = await boss.findJobs<unknown>(queue, { limit: 5000 });
  return jobs
    .filter((j) => j.state === "failed")
    .slice(-MAX_SHOWN)
    .reverse()
    .map((j) => ({
      id: j.id,
      queue,
      createdOn: j.createdOn,
      completedOn: j.completedOn,
      retryCount: (j as { retryCount?: number }).retryCount ?? 0,
      error: JSON.stringify(redact(j.output ?? {}), null, 2).slice(0, 4000),
      payload: JSON.stringify(redact(j.data ?? {}), null, 2).slice(0, 4000),
    }));
}

/** Queue names come from the form: only an existing queue is acted on. */
export async function knownQueue(boss: PgBoss, name: string): Promise<boolean> {
  return (await boss.getQueues()).some((q) => q.name === name);
}
