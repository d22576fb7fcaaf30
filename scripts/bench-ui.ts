/**
 * `npm run bench:ui`: how fast the invoice list answers with a realistic amount of data.
 *
 * 1. Builds the portal if needed and starts the Fortnox sandbox plus `next start` on free ports, on
 *    PostgreSQL (a throwaway `brygga_bench_ui` database) when DATABASE_URL or TEST_DATABASE_URL is
 *    set, else on a fresh PGlite in .data/bench-ui.
 * 2. Signs a user in over plain HTTP, exactly as a browser would: NextAuth's CSRF token, the
 *    sign-in POST, the sandbox's consent page, the OAuth callback; the session cookie it sets is
 *    what the load generator sends.
 * 3. Stops the portal (PGlite allows one process), seeds 100,000 invoices and their customers for
 *    that connection directly in the database in multi-row batches, pauses the connection's sync
 *    (so no background job competes or reconciles the seeded rows away), runs VACUUM ANALYZE, and
 *    starts the portal again.
 * 4. 20 concurrent keep-alive HTTP clients loop over a mix of list, filter, sort, keyset-page and
 *    search requests, against both the JSON route handler and the server-rendered page, for a
 *    warm-up and then a fixed measuring window.
 *
 * Latency is "server time" measured on loopback: from sending the request until the last byte of
 * the response has arrived, so it includes Next.js rendering, the database and the (local) network
 * stack, but no real network and no browser. The load generator shares the machine's cores with
 * the portal and the database, which the machine facts line makes visible.
 *
 * Options (environment): BENCH_DURATION_S (20), BENCH_WARMUP_S (3), BENCH_CLIENTS (20),
 * BENCH_INVOICES (100000); BENCH_INSTANCES (1): `next start` processes on PostgreSQL, each client
 * keeping to one of them as behind a load balancer; BENCH_SQL: extra statements (separated by ";")
 * run after seeding and before VACUUM ANALYZE, to try an index without touching the schema
 * (PostgreSQL; PGlite only has the extensions the portal loads). `--explain` prints the full
 * EXPLAIN ANALYZE plan of each scenario's query.
 * Everything it starts and creates is stopped and removed at the end, on failure and on Ctrl+C too.
 */
import http from "node:http";
import os from "node:os";
import { rmSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";

import { sql } from "drizzle-orm";

import type { DatabaseHandle } from "@/lib/db/client";
import { todayInStockholm } from "@/lib/format";
import { freePort, sandboxControl } from "@/lib/testing/sandbox";

import { buildIfNeeded } from "./build-if-needed";
import { startStack, type Stack } from "./stack";
import { CLIENTS, CUSTOMERS, DATA_DIR, DB_NAME, DURATION_S, EXTRA_SQL, INSTANCES, INVOICES, ROOT, SOLO_S, TARGET_P95_MS, WARMUP_S } from "./bench/ui/config";
import { dropDatabase, prepareTarget, type Target } from "./bench/ui/database";
import { explainScenarios } from "./bench/ui/explain";
import { request, runLoad } from "./bench/ui/load";
import { machineFacts, stats, table } from "./bench/ui/report";
import { buildScenarios, scenarioQueries, urlFor, type Scenario } from "./bench/ui/scenarios";
import { quietSync, seed } from "./bench/ui/seed";
import { signIn } from "./bench/ui/session";

async function main(): Promise<number> {
  let stack: Stack | undefined;
  let handle: DatabaseHandle | undefined;
  let target: Target | undefined;
  const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
  let cleaned: Promise<void> | undefined;
  const cleanup = () =>
    (cleaned ??= (async () => {
      agent.destroy();
      await stack?.stop().catch(() => undefined);
      await handle?.close().catch(() => undefined);
      if (target?.adminUrl) await dropDatabase(target.adminUrl).catch((e: unknown) => console.error(`Could not drop ${DB_NAME}: ${String(e)}`));
      rmSync(DATA_DIR, { recursive: true, force: true });
    })());
  const onSignal = (signal: NodeJS.Signals) => {
    console.error(`\n${signal}: stopping and cleaning up…`);
    void cleanup().finally(() => process.exit(130));
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);

  try {
    buildIfNeeded();
    rmSync(DATA_DIR, { recursive: true, force: true });
    target = await prepareTarget();
    const ports = { portalPort: await freePort(), sandboxPort: await freePort() };
    const stackOptions = {
      ...ports,
      dataDir: DATA_DIR,
      sandboxTestMode: true,
      seedDemo: false,
      databaseUrl: target.databaseUrl,
      portalEnv: { LOG_LEVEL: "warn" },
    };
    const today = todayInStockholm();
    console.log(`bench:ui on ${target.driver === "pg" ? `PostgreSQL (${DB_NAME})` : `PGlite (${path.relative(ROOT, DATA_DIR)}/pglite)`}; ${machineFacts()}`);

    // 1. Start, connect an empty sandbox company, sign in.
    stack = await startStack(stackOptions);
    const company = await sandboxControl(stack.sandboxUrl)<{ tenantId: number }>("POST", "/databases", { seed: "empty" });
    const session = await signIn(stack, company.tenantId);
    console.log(`Signed in through the sandbox consent flow (connection ${session.connectionId}).`);
    // Let the first sync of the (empty) company finish before the portal stops.
    await new Promise((r) => setTimeout(r, 3000));
    await stack.stop();
    stack = undefined;

    // 2. Seed with the portal stopped (PGlite admits one process; on PostgreSQL it is simply quiet).
    const seedStart = performance.now();
    handle = await target.open();
    await quietSync(handle.db, session.connectionId);
    await seed(handle.db, session.connectionId, today);
    for (const statement of EXTRA_SQL) {
      console.log(`BENCH_SQL: ${statement}`);
      await handle.db.execute(sql.raw(statement));
    }
    await handle.db.execute(sql`vacuum analyze invoices`);
    await handle.db.execute(sql`vacuum analyze customers`);
    const pgVersion = (await handle.db.execute(sql`select version() as v`)) as { rows: { v: string }[] };
    await handle.close();
    handle = undefined;
    console.log(`Seeded ${INVOICES} invoices and ${CUSTOMERS} customers, then VACUUM ANALYZE, in ${((performance.now() - seedStart) / 1000).toFixed(1)} s (${pgVersion.rows[0]?.v.split(" on ")[0] ?? "?"}).`);

    // 3. Start again (with any extra instances) and check every scenario once (status, and rows where JSON tells us).
    const extraPortalPorts: number[] = [];
    for (let i = 1; i < INSTANCES; i++) extraPortalPorts.push(await freePort());
    stack = await startStack({ ...stackOptions, extraPortalPorts });
    const firstPages: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 40; i++) {
      const reply = await request(agent, urlFor(stack.portalUrl, session.connectionId, "api", after ? `after=${after}` : ""), session.cookie, "api", true);
      if (reply.status !== 200) throw new Error(`JSON list answered ${reply.status}: ${reply.body?.slice(0, 300)}`);
      const page = JSON.parse(reply.body!) as { data: { rows: unknown[]; next: string | null } };
      if (i === 0 && page.data.rows.length === 0) throw new Error("the seeded invoices are not visible to the signed-in user");
      after = page.data.next;
      if (!after) break;
      // Cursors from pages 2–40: a reader paging on from a later page.
      firstPages.push(after);
    }
    const scenarios = buildScenarios(today, firstPages.slice(0, 20));
    for (const s of scenarios) {
      for (const query of s.queries) {
        const reply = await request(agent, urlFor(stack.portalUrl, session.connectionId, s.route, query), session.cookie, s.route, true);
        if (reply.status !== 200) throw new Error(`${s.route} ${s.name} ?${query} answered ${reply.status}: ${reply.body?.slice(0, 300)}`);
        if (s.route === "page" && !reply.body?.includes("invoice-table")) throw new Error(`${s.name}: the page has no invoice table`);
      }
    }
    const rowsPer = async (s: Scenario) => {
      const reply = await request(agent, urlFor(stack!.portalUrl, session.connectionId, "api", s.queries[0]!), session.cookie, "api", true);
      return (JSON.parse(reply.body!) as { data: { rows: unknown[] } }).data.rows.length;
    };
    const apiScenarios = scenarios.filter((s) => s.route === "api");
    console.log(`Scenarios (rows on the first query's page): ${(await Promise.all(apiScenarios.map(async (s) => `${s.name} ${await rowsPer(s)}`))).join(", ")}`);

    // 4. Load: first one client alone (the unloaded server time), then the concurrent clients.
    console.log(`Baseline: 1 client, ${SOLO_S} s…`);
    const solo = await runLoad(agent, stack, session, scenarios, { clients: 1, warmupS: 1, durationS: SOLO_S });
    const loadAverage = os.loadavg()[0]!.toFixed(2);
    console.log(`Load: ${CLIENTS} concurrent clients, ${WARMUP_S} s warm-up, ${DURATION_S} s measured, ${scenarios.length} scenarios in rotation (1-min load average before: ${loadAverage})…`);
    const load = await runLoad(agent, stack, session, scenarios, { clients: CLIENTS, warmupS: WARMUP_S, durationS: DURATION_S });
    await stack.stop();
    stack = undefined;

    // 5. Database time per scenario (EXPLAIN ANALYZE on the now idle database, slowest query of each).
    handle = await target.open();
    const dbMs = await explainScenarios(handle, session.connectionId, today, scenarioQueries(today, firstPages.slice(0, 20)));
    await handle.close();
    handle = undefined;

    const all = [...load.samples.values()].flat();
    const overall = stats(all, load.windowS);
    const byRoute = (route: Scenario["route"]) => stats(scenarios.filter((s) => s.route === route).flatMap((s) => load.samples.get(s)!), load.windowS);
    const soloOf = (list: Scenario[]) => stats(list.flatMap((s) => solo.samples.get(s)!), solo.windowS);
    const rows = [
      ...scenarios.map((s) => ({
        label: s.name,
        route: s.route === "api" ? "json" : "html",
        s: stats(load.samples.get(s)!, load.windowS),
        solo: soloOf([s]),
        dbMs: dbMs.get(s.name),
      })),
      { label: "all JSON", route: "json", s: byRoute("api"), solo: soloOf(scenarios.filter((s) => s.route === "api")) },
      { label: "all HTML", route: "html", s: byRoute("page"), solo: soloOf(scenarios.filter((s) => s.route === "page")) },
      { label: "overall", route: "both", s: overall, solo: soloOf(scenarios) },
    ];
    console.log(`\nbench:ui — ${target.driver === "pg" ? "PostgreSQL" : "PGlite"}, ${INVOICES} invoices, ${CLIENTS} clients, ${INSTANCES} × next start, ${DURATION_S} s; ${machineFacts()}`);
    console.log("Latency = server time: request sent → last byte received, on loopback (keep-alive, gzip accepted).\n");
    console.log(table(rows));
    console.log(`1-client p50: the same mix from a single client (${SOLO_S} s) just before, i.e. without queueing.`);
    console.log("* db ms: EXPLAIN ANALYZE execution time of the scenario's list query on the idle database (slowest of its variants).");
    const errors = [...solo.errors, ...load.errors];
    if (errors.length > 0) console.log(`\nErrors (first ${errors.length}):\n${errors.join("\n")}`);
    const met = overall.p95 <= TARGET_P95_MS;
    console.log(
      `\nbench:ui p95=${overall.p95.toFixed(1)} ms (target ≤${TARGET_P95_MS} ms: ${met ? "met" : "MISSED"}) p50=${overall.p50.toFixed(1)} p99=${overall.p99.toFixed(1)} max=${overall.max.toFixed(1)} ms ` +
        `${overall.rps.toFixed(0)} req/s requests=${overall.n} errors=${overall.errors} json_p95=${byRoute("api").p95.toFixed(1)} html_p95=${byRoute("page").p95.toFixed(1)} ` +
        `db=${target.driver} invoices=${INVOICES} clients=${CLIENTS} instances=${INSTANCES} cores=${os.cpus().length} loadavg=${loadAverage} node=${process.version}${EXTRA_SQL.length > 0 ? ` bench_sql=${EXTRA_SQL.length}` : ""}`,
    );
    return errors.length === 0 && overall.n > 0 ? 0 : 1;
  } finally {
    await cleanup();
  }
}

let code = 1;
try {
  code = await main();
} catch (e) {
  console.error(`bench:ui failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
}
process.exit(code);
