import "server-only";

import type { Client as PgClient } from "pg";

import { logger } from "@/lib/log";

/*
 * How much a GIN index (the trigram index of the invoice search's customer names) collects unmerged
 * before the writing session merges it. PostgreSQL's default is 4 MB, and every search reads all
 * of it: a sync writing the demo company's 2,500 invoices left ~5,000 entries per trigram index
 * invoices then had, and searches in another company's 100,000 invoices took twice as long
 * (10 → 20–30 ms) until autovacuum merged them. At 64 kB the writers merge in small steps, which
 * costs them about twice as much per row and is nothing beside Fortnox's pace. Since migration 0015
 * numbers are searched through btrees, and only a company's new customer names reach a GIN index.
 * A session setting, not the index's own: PGlite keeps the default on purpose, because there the
 * sync writes on the portal's thread, where merging as it goes made each 100-row upsert hold the
 * portal for ~60 ms instead of ~4 ms; its pending entries are merged by the vacuum after a run.
 */
export const GIN_PENDING_LIST_LIMIT = "64kB";
const SESSION_SETUP = `set gin_pending_list_limit = '${GIN_PENDING_LIST_LIMIT}'`;

type ConnectCallback = Parameters<PgClient["connect"]>[0] & ((err: Error | null) => void);

/**
 * node-postgres's Client with Brygga's session settings applied once connected, before the pool
 * hands the connection out (a query sent from the pool's "connect" event would race the caller's
 * first one, which pg deprecates). A setting that fails is logged and PostgreSQL's default stays:
 * it is a speed setting, never a reason to refuse a connection.
 */
export function withSessionSettings(Client: typeof PgClient): typeof PgClient {
  return class BryggaClient extends Client {
    override connect(): Promise<PgClient>;
    override connect(callback: ConnectCallback): void;
    override connect(callback?: ConnectCallback): Promise<PgClient> | void {
      const ready = super.connect().then(async () => {
        await this.query(SESSION_SETUP).catch((error: unknown) => logger.warn("could not apply the database session settings", { error }));
        return this;
      });
      if (!callback) return ready;
      ready.then(() => callback(null), (error: Error) => callback(error));
    }
  };
}
