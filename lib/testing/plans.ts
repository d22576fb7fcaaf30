/**
 * Query plans for tests that check a query is written in the form an index can answer: the
 * statement a query function really sends, captured off the driver, then explained with the scans
 * that would hide a missing index priced out.
 */
import type { DatabaseHandle } from "@/lib/db/client";

export type Statement = { text: string; params: unknown[] };
type Queryable = { query: (...args: unknown[]) => Promise<unknown> };

/** Calls `seen` with each statement `run` sends through the handle's driver, as sent (text and parameters). */
async function watchStatements(handle: DatabaseHandle, run: () => Promise<unknown>, seen: (statement: Statement) => void): Promise<void> {
  // On PGlite, drizzle's own client (lib/db/pglite-client.ts) sends the statements, not PGlite's query().
  const driver = (handle.pglite ? (handle.db as unknown as { $client: Queryable }).$client : handle.pool) as Queryable;
  const original = driver.query;
  driver.query = (...args: unknown[]) => {
    const [first, params] = args as [string | { text: string; values?: unknown[] }, unknown[] | undefined];
    seen(typeof first === "string" ? { text: first, params: params ?? [] } : { text: first.text, params: params ?? first.values ?? [] });
    return original.apply(driver, args);
  };
  try {
    await run();
  } finally {
    driver.query = original;
  }
}

/** The first statement `run` sends through the handle's driver, as sent (text and parameters). */
export async function firstStatement(handle: DatabaseHandle, run: () => Promise<unknown>): Promise<Statement> {
  let first: Statement | undefined;
  await watchStatements(handle, run, (statement) => (first ??= statement));
  if (!first) throw new Error("no statement was sent");
  return first;
}

/** How many statements `run` sends through the handle's driver. */
export async function statementsSent(handle: DatabaseHandle, run: () => Promise<unknown>): Promise<number> {
  let sent = 0;
  await watchStatements(handle, run, () => sent++);
  return sent;
}

/** The plan `statement` ran with (EXPLAIN ANALYZE without costs or timings): which nodes ran, and how often. */
export async function executedPlan(handle: DatabaseHandle, statement: Statement): Promise<string[]> {
  const rows = await explain(handle, "analyze, costs off, timing off, summary off", statement);
  return rows.map((r) => String(r["QUERY PLAN"]));
}

/** EXPLAIN (`options`) of `statement` on the handle's driver, as the rows it answers. */
async function explain(handle: DatabaseHandle, options: string, statement: Statement): Promise<Record<string, unknown>[]> {
  const text = `explain (${options}) ${statement.text}`;
  return handle.pglite ? (await handle.pglite.query<Record<string, unknown>>(text, statement.params)).rows : (await handle.pool!.query<Record<string, unknown>>(text, statement.params)).rows;
}

/**
 * The plan of `statement` (EXPLAIN's text) with the planner settings `off` (e.g. "enable_seqscan")
 * turned off for its planning only, so a test table of a few thousand rows is planned through an
 * index whenever one can answer.
 */
export async function planWithout(handle: DatabaseHandle, statement: Statement, off: string[]): Promise<string> {
  const disable = off.map((s) => `set ${s} = off`).join("; ");
  const reset = off.map((s) => `reset ${s}`).join("; ");
  const lines = (rows: Record<string, unknown>[]) => rows.map((r) => String(r["QUERY PLAN"])).join("\n");
  if (handle.pglite) {
    await handle.pglite.exec(disable);
    try {
      return lines((await handle.pglite.query<Record<string, unknown>>(`explain ${statement.text}`, statement.params)).rows);
    } finally {
      await handle.pglite.exec(reset);
    }
  }
  const client = await handle.pool!.connect();
  try {
    await client.query(disable);
    return lines((await client.query<Record<string, unknown>>(`explain ${statement.text}`, statement.params)).rows);
  } finally {
    await client.query(reset).catch(() => undefined);
    client.release();
  }
}

/** A node of a plan as EXPLAIN (FORMAT JSON) gives it, with what it outputs and the nodes below it. */
export interface PlanNode {
  "Node Type": string;
  Output?: string[];
  Plans?: PlanNode[];
}

/** The plan of `statement` as a tree (EXPLAIN VERBOSE: each node's output columns and expressions). */
export async function planTree(handle: DatabaseHandle, statement: Statement): Promise<PlanNode> {
  const raw = (await explain(handle, "verbose, costs off, format json", statement))[0]?.["QUERY PLAN"];
  // node-postgres parses the json column; PGlite may hand back the text.
  const plan = (typeof raw === "string" ? JSON.parse(raw) : raw) as { Plan: PlanNode }[];
  return plan[0]!.Plan;
}

/** `node` and every node below it. */
export const planNodes = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(planNodes)];
