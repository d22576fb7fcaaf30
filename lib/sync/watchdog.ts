import "server-only";

import type { Database } from "@/lib/db/client";
import { logger } from "@/lib/log";

import { listClaimableRuns, type ClaimOptions } from "./claim";

/** How often each worker process looks for abandoned runs; with the one-minute stale threshold a
 * killed worker's run is taken over at most ~71 s after its last heartbeat. */
export const WATCHDOG_MS = 10_000;

/**
 * Every worker process looks, every WATCHDOG_MS, for open runs no live worker holds (a stale
 * heartbeat; on PGlite any run of a previous process) and queues a job for each. The job queue's
 * bookkeeping plays no part in that: a dead worker's job may stay "active" in pg-boss, and the new
 * job does not wait behind it (the queue lets one job wait per connection, any number be active; the
 * run's claim in the database is what lets one worker at a time work the run).
 */
export function startRunWatchdog(o: { db: Database; claim: ClaimOptions; wake: (connectionId: string) => Promise<void>; everyMs?: number }): { stop(): void; sweep(): Promise<void> } {
  let busy = false;
  const sweep = async () => {
    if (busy) return;
    busy = true;
    try {
      for (const connectionId of await listClaimableRuns(o.db, o.claim)) {
        logger.info("sync run without a live worker: queueing it", { connectionId });
        await o.wake(connectionId);
      }
    } catch (error) {
      logger.warn("run watchdog could not look for abandoned runs", { error });
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void sweep(), o.everyMs ?? WATCHDOG_MS);
  timer.unref();
  return { stop: () => clearInterval(timer), sweep };
}
