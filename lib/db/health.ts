import "server-only";

import { sql } from "drizzle-orm";

import { getDatabase } from "./client";
import { queryRows } from "./raw";

export interface DatabaseHealth {
  driver: "pg" | "pglite";
  latencyMs: number;
  serverVersion: string;
}

/** Round-trips to the database so health checks prove it answers, not just that we are up. */
export async function checkDatabase(): Promise<DatabaseHealth> {
  const handle = await getDatabase();
  const started = performance.now();
  const rows = await queryRows<{ version: string }>(handle.db, sql`select current_setting('server_version') as version`);
  return {
    driver: handle.driver,
    latencyMs: Math.round((performance.now() - started) * 10) / 10,
    serverVersion: rows[0]?.version ?? "unknown",
  };
}
