import "server-only";

import type { Client } from "pg";

import { logger } from "@/lib/log";

/**
 * Who may consume the topics API. Fortnox wants one WebSocket connection for all of an app's tenants,
 * and two consumers would double every job, so exactly one process across the deployment holds it.
 */
export interface RealtimeLock {
  /** Become the one consumer, or confirm that this process still is. False: someone else is. */
  tryAcquire(): Promise<boolean>;
  /** Step down so another process can take over. */
  release(): Promise<void>;
  /** Called when a held lock is lost without release() (its database connection died). */
  onLost(listener: () => void): void;
}

/** PGlite admits one process only (a directory lock guarantees it), so that process is the consumer. */
export function singleProcessLock(): RealtimeLock {
  return { tryAcquire: () => Promise.resolve(true), release: () => Promise.resolve(), onLost: () => undefined };
}

/** "bryggr" in ASCII; the migration lock (lib/db/migrate.ts) is "brygga", so the two never collide. */
export const REALTIME_LOCK_KEY = 0x627279676772;

/**
 * A session-level PostgreSQL advisory lock on a dedicated connection (not a pool's: a pooled client
 * can be recycled, and the lock would go with it). The lock lives exactly as long as the connection,
 * so when the holder dies, PostgreSQL frees it and a standby process takes over on its next try.
 */
export function advisoryLock(connectionString: string, key: number = REALTIME_LOCK_KEY): RealtimeLock {
  let held: Client | null = null;
  const listeners: (() => void)[] = [];

  const lost = (client: Client, why: unknown) => {
    if (held !== client) return;
    held = null;
    logger.error("realtime lock lost: its database connection ended", { error: why });
    client.end().catch(() => undefined);
    for (const l of listeners) l();
  };

  return {
    async tryAcquire() {
      if (held) {
        // Holding: prove the connection (and with it the lock) is still there.
        const client = held;
        try {
          await client.query("select 1");
          return true;
        } catch (e) {
          lost(client, e);
          return false;
        }
      }
      const { Client } = await import("pg");
      // TCP keep-alive notices a vanished server in seconds, not the kernel default of hours.
      const client = new Client({ connectionString, keepAlive: true, keepAliveInitialDelayMillis: 10_000, application_name: "brygga-realtime" });
      // Unhandled, a dropped connection's error event would crash the process.
      client.on("error", (e) => lost(client, e));
      client.on("end", () => lost(client, "connection ended"));
      try {
        await client.connect();
        const { rows } = await client.query<{ ok: boolean }>("select pg_try_advisory_lock($1) as ok", [key]);
        if (rows[0]?.ok) {
          held = client;
          return true;
        }
      } catch (e) {
        logger.warn("realtime lock: could not ask the database", { error: e });
      }
      await client.end().catch(() => undefined);
      return false;
    },

    async release() {
      const client = held;
      held = null;
      if (!client) return;
      await client.query("select pg_advisory_unlock($1)", [key]).catch(() => undefined);
      await client.end().catch(() => undefined);
    },

    onLost(listener) {
      listeners.push(listener);
    },
  };
}
