import { messages, parse, protocol, type PGlite, type QueryOptions, type Results } from "@electric-sql/pglite";

/*
 * The client drizzle is given on PGlite: PGlite itself, except that a plain statement is sent in one
 * trip instead of six.
 *
 * Why: PGlite runs in the portal's own thread, so whatever it spends per statement, every request
 * waits for. For each `query()` it enters its WebAssembly six times (parse, describe the statement,
 * bind, describe the portal, execute, sync), the statement's description only to learn how to write
 * each parameter; and because drizzle passes parsers of its own (dates as text), it copies its whole
 * table of ~320 type parsers on every statement to lay drizzle's nine over it. Measured on the
 * invoice list's statements (100,000 invoices), that was about a fifth of each statement's CPU:
 * 1.16 ms on average against 0.94 ms sent in one trip, its parsers looked up rather than copied (README).
 *
 * What changes: parameters are written as text the way node-postgres writes them (the production
 * driver, so the portal's queries already run with these values): strings as they are, numbers and
 * booleans as their text, null as NULL. PostgreSQL parses them by the parameter's type exactly as it
 * parses PGlite's own text. Any other value (a Date, an array, bytes), any other option, and every
 * transaction go to PGlite unchanged. Errors carry the statement and parameters as PGlite's do.
 * Statements lib/db/prepared.ts names are kept prepared under that name, as node-postgres keeps
 * them on PostgreSQL: parsed once, then only bound and executed.
 */

type Param = string | number | boolean | null | undefined;

interface DrizzleQueryOptions {
  rowMode?: "array" | "object";
  parsers?: QueryOptions["parsers"];
}

const writable = (value: unknown): value is Param =>
  value === null || value === undefined || typeof value === "string" || typeof value === "boolean" || (typeof value === "number" && Number.isFinite(value));

/** Only what drizzle's driver passes (row mode, its parsers) takes the short way. */
const plainOptions = (options: object | undefined): options is DrizzleQueryOptions | undefined =>
  options === undefined || Object.keys(options).every((key) => key === "rowMode" || key === "parsers");

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/**
 * What drizzle's PGlite driver calls on its client (`query` for statements, `transaction` for
 * transactions), and `keepPrepared`: drizzle's driver does not pass a prepared query's name on, so
 * lib/db/prepared.ts names the statement's text here instead.
 */
export type DrizzlePgliteClient = Pick<PGlite, "query" | "transaction"> & { keepPrepared(text: string, name: string): void };

/** SQLSTATEs of a named statement that is not there (26000) or already is (42P05). */
const NO_SUCH_STATEMENT = "26000";
const STATEMENT_EXISTS = "42P05";

/** The client to hand drizzle for `pglite`: its `query` answered in one trip where it can; transactions are PGlite's own. */
export function singleTripClient(pglite: PGlite): DrizzlePgliteClient {
  // A statement's parsers: its own (drizzle's nine) with PGlite's behind them through the prototype,
  // instead of a copy of PGlite's whole table per statement.
  const parsersFor = (own: QueryOptions["parsers"] | undefined): PGlite["parsers"] =>
    own ? Object.assign(Object.create(pglite.parsers) as PGlite["parsers"], own) : pglite.parsers;

  // Statements kept prepared under a name (as node-postgres keeps drizzle's named ones per
  // connection): parsed once, and planned once PostgreSQL finds its generic plan as good.
  const kept = new Map<string, { name: string; parsed: boolean }>();

  async function singleTrip<T>(text: string, params: Param[], options: DrizzleQueryOptions | undefined): Promise<Results<T>> {
    const keep = kept.get(text);
    try {
      return await oneTrip<T>(text, params, options, keep);
    } catch (e) {
      // The named statement is not what we thought (gone, or parsed by a trip that then failed): once more, knowing.
      const code = (e as { code?: string }).code;
      if (!keep || (code !== NO_SUCH_STATEMENT && code !== STATEMENT_EXISTS)) throw e;
      keep.parsed = code === STATEMENT_EXISTS;
      return oneTrip<T>(text, params, options, keep);
    }
  }

  async function oneTrip<T>(text: string, params: Param[], options: DrizzleQueryOptions | undefined, keep: { name: string; parsed: boolean } | undefined): Promise<Results<T>> {
    const values = params.map((v) => (v === null || v === undefined ? null : String(v)));
    const { serialize } = protocol;
    const parts = keep?.parsed ? [] : [serialize.parse({ text, name: keep?.name })];
    parts.push(serialize.bind({ statement: keep?.name, values }), serialize.describe({ type: "P" }), serialize.execute({}), serialize.sync());
    const message = concat(parts);
    await pglite._checkReady();
    return pglite._runExclusiveTransaction(() =>
      pglite._runExclusiveQuery(async () => {
        let answer;
        try {
          // The Sync travels with the statement, so the backend is ready again even after an error.
          answer = await pglite.execProtocolStream(message, { syncToFs: false });
        } catch (e) {
          // As PGlite's own query() does: a database error names the statement it came from.
          throw e instanceof messages.DatabaseError ? Object.assign(e, { query: text, params, queryOptions: options }) : e;
        }
        await pglite.syncToFs();
        if (keep) keep.parsed = true;
        return parse.parseResults(answer, parsersFor(options?.parsers), options?.rowMode ? { rowMode: options.rowMode } : undefined)[0] as Results<T>;
      }),
    );
  }

  const query = <T>(text: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>> => {
    const all = params ?? [];
    if (pglite.closed || !plainOptions(options) || !all.every(writable)) return pglite.query<T>(text, params, options);
    return singleTrip<T>(text, all, options);
  };

  const keepPrepared = (text: string, name: string) => {
    if (!kept.has(text)) kept.set(text, { name, parsed: false });
  };

  return { query, transaction: (callback) => pglite.transaction(callback), keepPrepared };
}
