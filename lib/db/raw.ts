import type { SQL } from "drizzle-orm";

import type { Database } from "./client";

/**
 * Runs raw SQL and returns its rows. Both drivers answer `{ rows }` (node-postgres' QueryResult,
 * PGlite's Results), but drizzle's generic result type cannot say so; this is the one cast.
 */
export async function queryRows<T extends Record<string, unknown>>(db: Pick<Database, "execute">, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  return (result as { rows: T[] }).rows;
}
