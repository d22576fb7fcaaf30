import "server-only";

import { fromPglite, PgBoss, type Queue } from "pg-boss";

import type { DatabaseHandle } from "@/lib/db/client";
import { logger } from "@/lib/log";

const holder = globalThis as unknown as { __bryggaBoss?: PgBoss };

/**
 * What the job queue does while nobody uses the portal. pg-boss's defaults poll the database several
 * times a second (each worker every 1–2 s, the cron sender every 5 s, flows every 5 s): on PGlite
 * that is CPU on the portal's own thread, ~15 % of a core at idle. Instead a job wakes its workers
 * through LISTEN/NOTIFY (PostgreSQL: a dedicated connection that hears every process's sends;
 * PGlite: in-process, the instance delivers its own NOTIFYs), so polling is only a slow backstop
 * (NOTIFY_BACKSTOP). Where NOTIFY is unavailable (PgBouncer in transaction mode) pg-boss warns and
 * falls back to each worker's own `pollingIntervalSeconds`. lib/jobs/boss.int.test.ts.
 */
export const BOSS_TIMING = {
  useListenNotify: true,
  // The cron sender only forwards schedule occurrences; our schedules are per minute or daily, so
  // a 30 s poll delays a minute's schedule by at most half of it.
  cronWorkerIntervalSeconds: 30,
  // Brygga defines no flows (job dependencies); the flow resolver need not look every 5 s.
  flowIntervalSeconds: 300,
} as const;

/**
 * Each worker's poll while NOTIFY works: only a backstop, since a sent job wakes its workers at once
 * and pg-boss makes every worker fetch after its listener reconnects (a notification sent while it
 * was down is not lost work). The portal runs nine pollers (four for sync/record, one of them on a
 * shorter backstop for retries; two for sync/work).
 */
export const NOTIFY_BACKSTOP = { notifyPollingIntervalSeconds: 120 } as const;

/**
 * What pg-boss skips on PGlite. Its vacuum monitor reads pg_stat_user_tables on every supervise
 * pass (once a minute) to warn when autovacuum falls behind: PGlite has no autovacuum to fall
 * behind, and the read held the portal's thread for ~270 ms each time (an event-loop monitor saw the
 * stalls, a statement timer named the query). lib/jobs/boss.int.test.ts.
 */
export const PGLITE_BOSS = { monitorVacuum: false } as const;

/**
 * pg-boss on the same database as everything else: PostgreSQL through its own pool, or the
 * process's PGlite instance through pg-boss's official adapter (PGlite allows one process only).
 */
export async function startBoss(handle: DatabaseHandle, connectionString?: string): Promise<PgBoss> {
  const boss =
    handle.driver === "pglite" && handle.pglite
      ? new PgBoss({ db: fromPglite(handle.pglite), backend: "pglite", ...BOSS_TIMING, ...PGLITE_BOSS })
      : new PgBoss({ connectionString, max: 5, ...BOSS_TIMING });
  boss.on("error", (error) => logger.error("job queue error", { error }));
  boss.on("warning", (warning) => logger.warn("job queue warning", { warning }));
  await boss.start();
  holder.__bryggaBoss = boss;
  return boss;
}

/**
 * Creates a queue of ours with NOTIFY on (its workers wake when a job is sent, see BOSS_TIMING),
 * and turns NOTIFY on for a queue an earlier version created without it (createQueue leaves an
 * existing queue as it is). The policy is fixed at creation; pg-boss cannot change it.
 */
export async function ensureQueue(boss: PgBoss, name: string, options: Omit<Queue, "name">): Promise<void> {
  await boss.createQueue(name, { ...options, notify: true });
  if (!(await boss.getQueue(name))?.notify) await boss.updateQueue(name, { notify: true });
}

/** The process's started job queue (set at boot). */
export function getBoss(): PgBoss {
  if (!holder.__bryggaBoss) throw new Error("The job queue has not started (boot() runs it).");
  return holder.__bryggaBoss;
}
