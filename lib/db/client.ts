import "server-only";

import { mkdirSync } from "node:fs";
import { setFlagsFromString } from "node:v8";

import type { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type { Pool } from "pg";

import { getEnv } from "@/lib/env";
import { logger } from "@/lib/log";

import { acquireDirLock } from "./lock";
import { migrateDatabase } from "./migrate";
import { withSessionSettings } from "./pg-session";
import * as schema from "./schema";

export type Schema = typeof schema;
/** Drizzle over either driver: the same queries run on PGlite and on PostgreSQL. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

export type DatabaseConfig =
  | { driver: "pg"; url: string; poolSize?: number }
  /** `from`: start an in-memory PGlite from a dumped data directory (tests: a migrated template, lib/testing/databases.ts). */
  | { driver: "pglite"; dir: string | null; from?: Blob };

export interface DatabaseHandle {
  db: Database;
  driver: "pg" | "pglite";
  /** Set for PGlite: pg-boss runs on the same instance through its `fromPglite` adapter. */
  pglite?: PGlite;
  pool?: Pool;
  close(): Promise<void>;
}

// A mark on the drizzle instance itself, under a registry symbol: instrumentation and each route
// are separate bundles with their own copy of this module, and the instance opened by one is used
// by all (it lives on globalThis), so a module-level set would only know the bundle that opened it.
const EMBEDDED = Symbol.for("brygga.db.embedded");

/**
 * Whether `db` is the embedded PGlite, whose queries run on the portal's own thread (so a query a
 * PostgreSQL server would answer in its own process costs every other request its time). Moving
 * PGlite to a worker thread of its own was measured and made that worse (README, bench:ui).
 */
export const isEmbedded = (db: Database): boolean => (db as unknown as Record<symbol, unknown>)[EMBEDDED] === true;

/**
 * PGlite's buffer cache lives in the portal's own memory (its WASM heap, which never shrinks), and
 * PostgreSQL's default is 128 MB of it, resident once a large company's lists have been read. The
 * data files stay in the operating system's page cache, so a smaller cache costs a copy, not a disk
 * read: 32 MB keeps the lists' indexes and recent pages and ~100 MB out of the portal's RSS.
 */
const PGLITE_SETTINGS = ["-c", "shared_buffers=32MB", "-c", "maintenance_work_mem=16MB"];

/**
 * For a long-running process on PGlite (the portal server): compile PGlite's WebAssembly with V8's
 * optimizing tier only. Call before the database opens; it concerns WebAssembly compiled after it,
 * process-wide (Node's own HTTP parser for fetch is WebAssembly too: it only compiles slower once).
 *
 * V8 normally compiles WebAssembly with a quick baseline first (Liftoff) and optimizes what runs
 * hot. Under that scheme PGlite's Postgres never settled: the same list queries, run again and again
 * on 100,000 invoices, kept costing 2–3× the CPU of optimized-only code, and the process's memory
 * grew by ~30 MB per 25 queries without end (V8's heap and PGlite's own memory stayed flat; what grew
 * was V8's native memory). With the optimizing tier only, each function is compiled once, when it
 * first runs: opening the database costs ~8 s more CPU once, then every query is cheaper and memory
 * stays flat (README, bench:ui). Short-lived processes (tests, CLIs) keep V8's default: for them the
 * start-up is most of the work.
 */
export function optimizeWasmForServing(): void {
  setFlagsFromString("--no-liftoff");
}

/**
 * How long an idle pooled PostgreSQL connection is kept (node-postgres closes it after 10 s by
 * default). A portal's traffic comes in bursts: the second and third requests in flight open
 * connections that then sat idle past 10 s and were closed, so the next burst paid for new ones on
 * requests already waiting. A new connection is a server process started and authenticated, the
 * session settings applied, the prepared statements (./prepared.ts) parsed again and the catalog
 * caches filled: its first session statement was planned in ~2 ms against ~0.3 ms on a warm one.
 * A minute, well under the idle time after which a load balancer or NAT between the portal and the
 * database may drop a connection without either end noticing (Azure's default is 4 minutes).
 */
const POOL_IDLE_MS = 60_000;

/** Open a database. `dir: null` gives an in-memory PGlite (tests). Does not migrate. */
export async function openDatabase(config: DatabaseConfig): Promise<DatabaseHandle> {
  if (config.driver === "pg") {
    const { Client, Pool } = await import("pg");
    const { drizzle } = await import("drizzle-orm/node-postgres");
    const pool = new Pool({ connectionString: config.url, max: config.poolSize ?? 10, idleTimeoutMillis: POOL_IDLE_MS, Client: withSessionSettings(Client) });
    // An idle connection can be killed by the server (restart, failover, DROP DATABASE … FORCE);
    // pg emits that on the pool, and unhandled it would crash the process. The pool reconnects.
    pool.on("error", (error) => logger.warn("database connection dropped", { error }));
    const db = drizzle(pool, { schema, casing: "snake_case" }) as unknown as Database;
    return { db, driver: "pg", pool, close: () => pool.end() };
  }
  let release: (() => void) | undefined;
  if (config.dir) {
    release = acquireDirLock(config.dir);
    mkdirSync(config.dir, { recursive: true });
  }
  try {
    const { PGlite } = await import("@electric-sql/pglite");
    const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
    const { drizzle } = await import("drizzle-orm/pglite");
    const { singleTripClient } = await import("./pglite-client");
    const { rememberFileSizes } = await import("./pglite-file-sizes");
    // pg_trgm serves the invoice search's customer names (drizzle/0014); PostgreSQL ships it as a contrib extension.
    const pglite = await PGlite.create(config.dir ?? undefined, {
      extensions: { pg_trgm },
      startParams: [...PGlite.defaultStartParams, ...PGLITE_SETTINGS],
      ...(config.from ? { loadDataDir: config.from } : {}),
    });
    // A data directory's file sizes, which the planner asks for per table and index, from memory (./pglite-file-sizes.ts).
    if (config.dir && !rememberFileSizes(pglite)) logger.warn("PGlite's file system is not the one lib/db/pglite-file-sizes.ts knows: file sizes are asked of the system on every seek");
    // drizzle's driver calls only query() and transaction() on its client (lib/db/pglite-client.ts).
    const db = drizzle(singleTripClient(pglite) as unknown as PGlite, { schema, casing: "snake_case" }) as unknown as Database;
    Object.defineProperty(db, EMBEDDED, { value: true });
    return {
      db,
      driver: "pglite",
      pglite,
      close: async () => {
        await pglite.close();
        release?.();
      },
    };
  } catch (e) {
    release?.();
    throw e;
  }
}

const holder = globalThis as unknown as { __bryggaDb?: Promise<DatabaseHandle> };

/**
 * The process-wide database, opened lazily and migrated once. Kept on globalThis because
 * instrumentation and each route are separate bundles; never opened at module scope so
 * `next build` does not touch the data directory.
 */
export function getDatabase(): Promise<DatabaseHandle> {
  holder.__bryggaDb ??= (async () => {
    const { database } = getEnv();
    const handle = await openDatabase(database.driver === "pg" ? database : { driver: "pglite", dir: database.dir });
    await migrateDatabase(handle);
    return handle;
  })().catch((e: unknown) => {
    holder.__bryggaDb = undefined;
    throw e;
  });
  return holder.__bryggaDb;
}

/** Shorthand for the drizzle instance of the process-wide database. */
export async function getDb(): Promise<Database> {
  return (await getDatabase()).db;
}
