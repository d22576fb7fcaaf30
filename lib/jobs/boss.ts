import "server-only";

import { fromPglite, PgBoss } from "pg-boss";

import type { DatabaseHandle } from "@/lib/db/client";
import { logger } from "@/lib/log";

const holder = globalThis as unknown as { __bryggaBoss?: PgBoss };

/**
 * pg-boss on the same database as everything else: PostgreSQL through its own pool, or the
 * process's PGlite instance through pg-boss's official adapter (PGlite allows one process only).
 */
export async function startBoss(handle: DatabaseHandle, connectionString?: string): Promise<PgBoss> {
  const boss =
    handle.driver === "pglite" && handle.pglite
      ? new PgBoss({ db: fromPglite(handle.pglite), backend: "pglite" })
      : new PgBoss({ connectionString, max: 5 });
  boss.on("error", (error) => logger.error("job queue error", { error }));
  await boss.start();
  holder.__bryggaBoss = boss;
  return boss;
}

/** The process's started job queue (set at boot). */
export function getBoss(): PgBoss {
  if (!holder.__bryggaBoss) throw new Error("The job queue has not started (boot() runs it).");
  return holder.__bryggaBoss;
}
