import { isEmbedded, type Database } from "./client";
import type { DrizzlePgliteClient } from "./pglite-client";

/*
 * Prepared statements for the queries every page makes (the session and the user's companies, the
 * company's alerts). drizzle builds a query's SQL from its fragments on each call, which was about
 * half of those small queries' CPU in the portal; a prepared statement is built once per database
 * handle, and the database parses it once and, when its generic plan is as good as a fresh one,
 * plans it once: per pooled connection on PostgreSQL (node-postgres names it), once for the process
 * on PGlite (./pglite-client.ts `keepPrepared`, since drizzle's PGlite driver drops the name).
 * Only for statements whose plan does not depend on the values (lookups by id): a search's pattern
 * would get a generic plan that cannot use its prefix index.
 */
const statements = new WeakMap<object, Map<string, unknown>>();

interface Preparable<P> {
  toSQL(): { sql: string };
  prepare(name: string): P;
}

/** The statement `name` for `db`, built by `build` on first use. Names must be unique across the app. */
export function prepared<P>(db: Database, name: string, build: (db: Database) => Preparable<P>): P {
  let byName = statements.get(db);
  if (!byName) {
    byName = new Map<string, unknown>();
    statements.set(db, byName);
  }
  if (!byName.has(name)) {
    const query = build(db);
    if (isEmbedded(db)) (db as unknown as { $client: DrizzlePgliteClient }).$client.keepPrepared(query.toSQL().sql, name);
    byName.set(name, query.prepare(name));
  }
  return byName.get(name) as P;
}
