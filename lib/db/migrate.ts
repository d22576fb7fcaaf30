import path from "node:path";

import type { DatabaseHandle } from "./client";

/** drizzle-kit's committed migrations, resolved from the project root (cwd of next, tsx and vitest). */
export const MIGRATIONS_FOLDER = path.resolve(process.cwd(), "drizzle");

// Several processes (app, workers) may boot at once against one PostgreSQL; drizzle's migrator
// is not concurrency-safe, so PostgreSQL runs it under a transaction-independent advisory lock.
const MIGRATION_LOCK_KEY = 0x627279676761; // "brygga"

/** Apply pending migrations. Idempotent. */
export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  if (handle.driver === "pglite") {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    await migrate(handle.db as never, { migrationsFolder: MIGRATIONS_FOLDER });
    return;
  }
  const { migrate } = await import("drizzle-orm/node-postgres/migrator");
  const { drizzle } = await import("drizzle-orm/node-postgres");
  if (!handle.pool) throw new Error("A PostgreSQL handle must carry its pool");
  const client = await handle.pool.connect();
  try {
    await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    await migrate(drizzle(client), { migrationsFolder: MIGRATIONS_FOLDER });
  } finally {
    await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => undefined);
    client.release();
  }
}
