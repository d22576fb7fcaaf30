import type { Database } from "./client";

/*
 * Prepared statements for the queries every request makes (the session and the user's companies).
 * drizzle builds a query's SQL from its fragments on each call, which was about half of those
 * small queries' CPU in the portal; a prepared statement is built once per database handle, and
 * PostgreSQL also parses and plans it once per pooled connection.
 */
const statements = new WeakMap<object, Map<string, unknown>>();

/** The statement `name` for `db`, built by `build` on first use. Names must be unique across the app. */
export function prepared<T>(db: Database, name: string, build: (db: Database) => T): T {
  let byName = statements.get(db);
  if (!byName) {
    byName = new Map<string, unknown>();
    statements.set(db, byName);
  }
  if (!byName.has(name)) byName.set(name, build(db));
  return byName.get(name) as T;
}
