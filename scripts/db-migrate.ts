/** `npm run db:migrate`: apply drizzle/ migrations to the configured database (PGlite lock honoured). */
import { openDatabase } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { EnvError, getEnv } from "@/lib/env";

try {
  const { database } = getEnv();
  const handle = await openDatabase(database.driver === "pg" ? database : { driver: "pglite", dir: database.dir });
  await migrateDatabase(handle);
  await handle.close();
  console.log(`Migrations applied (${database.driver === "pg" ? "PostgreSQL" : `PGlite at ${database.dir}`}).`);
} catch (e) {
  console.error(e instanceof EnvError ? e.problems.join("\n") : e instanceof Error ? e.message : e);
  process.exit(1);
}
