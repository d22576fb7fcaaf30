// The embedded database's own thread: PGlite runs here, and the portal's thread only posts it
// statements (./client.ts has the protocol). Plain JavaScript, loaded by path, because it runs
// outside every bundler: Next's, tsx's and vitest's.
import { parentPort, workerData } from "node:worker_threads";

import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";

const ROLLBACK = Symbol("rollback");
/** Open transactions by id: PGlite's transaction object, how to end it, and its outcome. */
const transactions = new Map();
/** LISTEN subscriptions by id: PGlite's unsubscribe function. */
const subscriptions = new Map();

/** A PGlite error as plain data: its PostgreSQL fields (code, detail, constraint…), never the bound parameters. */
function plainError(error) {
  const out = { name: error?.name ?? "Error", message: String(error?.message ?? error) };
  if (error && typeof error === "object") {
    for (const [key, value] of Object.entries(error)) {
      if (key === "params" || key === "queryOptions" || value === undefined || typeof value === "function") continue;
      if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") out[key] = value;
    }
  }
  return out;
}

// drizzle asks for some types as PostgreSQL's text (dates, timestamps, intervals); functions cannot
// cross threads, so the other side sends the type ids and they are read as text here.
const textParsers = (typeIds) => (typeIds ? Object.fromEntries(typeIds.map((id) => [id, (value) => value])) : undefined);

let pglite;

function on(txId) {
  if (txId === undefined) return pglite;
  const open = transactions.get(txId);
  if (!open) throw new Error(`transaction ${txId} is not open`);
  return open.tx;
}

function begin(txId) {
  return new Promise((opened, failed) => {
    const entry = {};
    entry.done = pglite.transaction(
      (tx) =>
        new Promise((commit, rollback) => {
          Object.assign(entry, { tx, commit, rollback });
          transactions.set(txId, entry);
          opened(null);
        }),
    );
    entry.done.catch((error) => {
      if (!transactions.has(txId)) failed(error);
    });
  });
}

async function end(txId, commit) {
  const open = transactions.get(txId);
  if (!open) throw new Error(`transaction ${txId} is not open`);
  try {
    if (commit) open.commit();
    else open.rollback(ROLLBACK);
    await open.done;
  } catch (error) {
    if (error !== ROLLBACK) throw error;
  } finally {
    transactions.delete(txId);
  }
  return null;
}

async function run(m) {
  switch (m.op) {
    case "query":
      return on(m.txId).query(m.sql, m.params, { ...m.options, parsers: textParsers(m.textTypes) });
    case "exec":
      return on(m.txId).exec(m.sql, m.options);
    case "begin":
      return begin(m.txId);
    case "end":
      return end(m.txId, m.commit);
    case "listen":
      subscriptions.set(m.subscription, await pglite.listen(m.channel, (payload) => parentPort.postMessage({ notify: m.subscription, payload })));
      return null;
    case "unlisten":
      await subscriptions.get(m.subscription)?.();
      subscriptions.delete(m.subscription);
      return null;
    case "close":
      await pglite.close();
      return null;
    default:
      throw new Error(`unknown operation ${String(m.op)}`);
  }
}

try {
  const { dataDir, startParams } = workerData;
  pglite = await PGlite.create(dataDir ?? undefined, { extensions: { pg_trgm }, startParams: [...PGlite.defaultStartParams, ...startParams] });
  parentPort.on("message", (m) => {
    run(m).then(
      (result) => parentPort.postMessage({ id: m.id, result }),
      (error) => parentPort.postMessage({ id: m.id, error: plainError(error) }),
    );
  });
  parentPort.postMessage({ ready: true });
} catch (error) {
  parentPort.postMessage({ ready: false, error: plainError(error) });
}
