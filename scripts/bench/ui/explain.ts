// ---------------------------------------------------------------------------------------------
// EXPLAIN ANALYZE of each scenario's list query, run on an idle database after the load.

import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";

import type { Database, DatabaseHandle } from "@/lib/db/client";
import { listInvoices, parseInvoiceQuery } from "@/lib/db/queries/invoices";
import * as schema from "@/lib/db/schema";

import { EXPLAIN } from "./config";

export async function explainScenarios(handle: DatabaseHandle, connectionId: string, today: string, scenarios: { name: string; queries: string[] }[]): Promise<Map<string, number>> {
  const captured: { sql: string; params: unknown[] }[] = [];
  const logger = { logQuery: (query: string, params: unknown[]) => void captured.push({ sql: query, params }) };
  const db = (
    handle.driver === "pg" ? drizzlePg(handle.pool!, { schema, casing: "snake_case", logger }) : drizzlePglite(handle.pglite!, { schema, casing: "snake_case", logger })
  ) as unknown as Database;
  const run = async (statement: string, params: unknown[]): Promise<string[]> => {
    if (handle.driver === "pg") {
      const res = await handle.pool!.query<Record<string, string>>(statement, params);
      return res.rows.map((r) => Object.values(r)[0]!);
    }
    const res = await handle.pglite!.query<Record<string, string>>(statement, params);
    return res.rows.map((r) => Object.values(r)[0]!);
  };
  const out = new Map<string, number>();
  for (const s of scenarios) {
    let worst = 0;
    for (const query of s.queries) {
      captured.length = 0;
      await listInvoices(db, connectionId, parseInvoiceQuery(new URLSearchParams(query)), today);
      const last = captured.at(-1);
      if (!last) continue;
      await run(last.sql, last.params); // warm the cache like the load did
      const plan = await run(`explain (analyze, buffers) ${last.sql}`, last.params);
      const time = Number(/Execution Time: ([\d.]+)/.exec(plan.join("\n"))?.[1] ?? NaN);
      worst = Math.max(worst, time);
      if (EXPLAIN) console.log(`\n--- ${s.name} ?${decodeURIComponent(query)} (${time} ms)\n${plan.join("\n")}`);
    }
    out.set(s.name, worst);
  }
  return out;
}
