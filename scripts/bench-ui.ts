/**
 * `npm run bench:ui`: what the portal's lists cost, measured as a browser uses them and as ratios
 * to a framework floor measured in the same run on the same machine (absolute times on a shared
 * two-core machine say little on their own; every ratio prints its absolute figures beside it).
 *
 * - The floor: `/bench-floor`, a dynamic route present only in bench builds (BRYGGA_BENCH_BUILD=1
 *   builds into .next-bench), rendering 25 rows from memory in the same root layout: no session,
 *   no database.
 * - A view: what the browser fetches for a client-side navigation to a list URL (the floor's RSC
 *   payload; the list's JSON page, which its pager, sorts and filters fetch), with the headers
 *   Chromium really sent, captured once per route, plus one full page load per ten views.
 * - Cost per view: the portal process's CPU time ÷ views, portal ÷ floor.
 * - Floor and portal are loaded in BENCH_ROUNDS (4) alternating rounds, floor–portal then
 *   portal–floor, so a drift in the machine's load does not fall on one of them only.
 * - Open-loop latency: views arrive at a fixed rate whether or not earlier ones answered; p95 of
 *   the invoice list ÷ p95 of the floor at the same rate. PostgreSQL: 25 views/s idle, then 25
 *   views/s while a full sync runs in a separate `npm run worker`. PGlite: 10 views/s idle, then
 *   while a full sync runs in the portal process itself.
 * - Idle cost: the portal's CPU over BENCH_IDLE_S s with two companies connected, nobody using it
 *   and no sync running, as a share of one core, after BENCH_IDLE_SETTLE_S (60) s of quiet.
 * - Peak RSS of the portal process tree (PGlite lives inside it) over the whole run, 100,000
 *   invoices stored.
 *
 * Database: PostgreSQL (a throwaway brygga_bench_ui) when DATABASE_URL or TEST_DATABASE_URL is
 * set, else a fresh PGlite in .data/bench-ui. Options: BENCH_RATE, BENCH_DURATION_S (20, split over
 * the rounds), BENCH_ROUNDS (4), BENCH_WARMUP_S (3, then 1 s per later round), BENCH_IDLE_S (30), BENCH_INVOICES (100000), BENCH_SYNC_SEED (demo),
 * BENCH_SQL (statements run after seeding, e.g. a candidate index), BENCH_PROFILE_DIR (the
 * portal's CPU profiles), BENCH_NODE_OPTIONS (the portal's NODE_OPTIONS, e.g. `--import` of a memory
 * sampler; Node admits few V8 flags there). Everything it starts and creates is removed at the end.
 */
import type { ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

import { todayInStockholm } from "@/lib/format";
import { freePort } from "@/lib/testing/sandbox";

import { buildIfNeeded } from "./build-if-needed";
import { startStack, type Stack, type StackOptions } from "./stack";
import { spawnTied } from "./tied-children";
import { connectCompany, syncStillRunning, waitForSyncIdle, waitForSyncRunning } from "./bench/ui/companies";
import { BENCH_BUILD_ENV, BENCH_DIST_DIR, DATA_DIR, DB_NAME, EXTRA_NODE_OPTIONS, IDLE_S, IDLE_SETTLE_S, INVOICES, RATE, ROOT, SYNC_SEED, TARGETS } from "./bench/ui/config";
import { dropDatabase, prepareTarget, type Target } from "./bench/ui/database";
import { costRatio, describePair, measurePair, p95Ratio, pairErrors, type Navs, type Pair } from "./bench/ui/measure";
import { cpuMs, rssBytes, watchRss } from "./bench/ui/proc";
import { machineFacts } from "./bench/ui/report";
import { scenarioQueries } from "./bench/ui/scenarios";
import { seedCompany } from "./bench/ui/seed";
import { captureNavigation } from "./bench/ui/views";

const f = (v: number, d = 1) => (Number.isFinite(v) ? v.toFixed(d) : "–");

function startWorker(stack: Stack): ChildProcess {
  const worker = spawnTied(path.join(ROOT, "node_modules", ".bin", "tsx"), ["--conditions=react-server", "scripts/worker.ts"], {
    cwd: ROOT,
    env: { ...stack.portalEnv, LOG_LEVEL: "warn" },
    stdio: ["ignore", "inherit", "inherit"],
  });
  return worker;
}

async function idleCost(stack: Stack): Promise<number> {
  // Let start-up settle before measuring: the first schedules, the realtime handshake, and V8's
  // memory reducer, which runs full collections for up to ~40 s after a burst of activity (start-up
  // loads every module) and is no cost of an idle portal.
  await new Promise((r) => setTimeout(r, IDLE_SETTLE_S * 1000));
  const before = cpuMs(stack.portalPids);
  await new Promise((r) => setTimeout(r, IDLE_S * 1000));
  return ((cpuMs(stack.portalPids) - before) / (IDLE_S * 1000)) * 100;
}

async function main(): Promise<number> {
  let stack: Stack | undefined;
  let worker: ChildProcess | undefined;
  let target: Target | undefined;
  const stopAll = async () => {
    // The worker hands its run back before it exits; the sandbox must still answer meanwhile.
    if (worker && worker.exitCode === null && worker.signalCode === null) {
      const exited = new Promise((resolve) => worker!.once("exit", resolve));
      worker.kill("SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 30_000))]);
    }
    await stack?.stop().catch(() => undefined);
    stack = undefined;
  };
  const cleanup = async () => {
    await stopAll();
    if (target?.adminUrl) await dropDatabase(target.adminUrl).catch((e: unknown) => console.error(`Could not drop ${DB_NAME}: ${String(e)}`));
    rmSync(DATA_DIR, { recursive: true, force: true });
  };
  process.once("SIGINT", () => void cleanup().finally(() => process.exit(130)));

  try {
    buildIfNeeded({ distDir: BENCH_DIST_DIR, env: BENCH_BUILD_ENV });
    rmSync(DATA_DIR, { recursive: true, force: true });
    target = await prepareTarget();
    const driver = target.driver;
    const rate = RATE(driver);
    const options: StackOptions = {
      portalPort: await freePort(),
      sandboxPort: await freePort(),
      dataDir: DATA_DIR,
      sandboxTestMode: true,
      seedDemo: false,
      databaseUrl: target.databaseUrl,
      // BENCH_PROFILE_DIR: the portal writes a V8 CPU profile there when it stops (where the cost goes);
      // BENCH_NODE_OPTIONS: anything else a measurement needs in the portal's process.
      portalEnv: { LOG_LEVEL: "warn", ...BENCH_BUILD_ENV, ...(EXTRA_NODE_OPTIONS ? { NODE_OPTIONS: EXTRA_NODE_OPTIONS } : {}) },
    };
    const today = todayInStockholm();
    console.log(`bench:ui on ${driver === "pg" ? `PostgreSQL (${DB_NAME})` : "PGlite (in the portal process)"}; ${machineFacts()}; load average ${os.loadavg()[0]!.toFixed(2)}`);

    // 1. Two companies connected: the bench company (seeded below) and a small one, both synced.
    stack = await startStack(options);
    const bench = await connectCompany(stack, "empty");
    const other = await connectCompany(stack, "small");
    await waitForSyncIdle(stack, bench, 120_000);
    await waitForSyncIdle(stack, other, 300_000);
    await stopAll();
    const seconds = await seedCompany(target, bench.connectionId, today);
    console.log(`Seeded ${INVOICES} invoices into the bench company, then VACUUM ANALYZE and CHECKPOINT, in ${f(seconds)} s.`);

    // 2. Restart; idle cost; then the floor and the list side by side with nothing else running.
    stack = await startStack(options);
    const rss = watchRss(() => stack?.portalPids ?? []);
    const idle = await idleCost(stack);
    const idleMb = rssBytes(stack.portalPids) / 2 ** 20;
    console.log(`Idle: ${f(idle, 2)} % of one core over ${IDLE_S} s (two companies connected, no sync, no requests); RSS ${f(idleMb, 0)} MB.`);
    const navs: Navs = {
      floor: await captureNavigation(stack.portalUrl, "", "/bench-floor", "[data-testid=bench-next]"),
      portal: await captureNavigation(stack.portalUrl, bench.cookie, "/invoices", "a[rel=next]"),
    };
    for (const [name, nav] of [["floor", navs.floor], ["portal", navs.portal]] as const) console.log(`A ${name} view: GET ${nav.viewPath.replace(bench.connectionId, ":id")} (${nav.headers["rsc"] ? "RSC" : (nav.headers["accept"] ?? "")}); a page: GET ${nav.path}.`);
    const scenarios = scenarioQueries(today, []).filter((s) => s.queries.length > 0);
    const quiet = await measurePair("Invoice list, no sync", stack, navs, bench.cookie, scenarios, rate, true);
    const quietPeakMb = rss.peakBytes / 2 ** 20;

    // 3. The same while a full sync runs: in a separate worker (PostgreSQL) or in the portal (PGlite).
    if (driver === "pg") {
      await stopAll();
      stack = await startStack({ ...options, portalEnv: { ...options.portalEnv, JOB_WORKERS: "off" } });
      worker = startWorker(stack);
    }
    const syncing = await connectCompany(stack, SYNC_SEED);
    await waitForSyncRunning(stack, syncing, 60_000);
    const during = await measurePair(driver === "pg" ? "Invoice list, full sync in npm run worker" : "Invoice list, full sync in the portal process", stack, navs, bench.cookie, scenarios, rate, false);
    const stillSyncing = await syncStillRunning(stack, syncing);
    const peakMb = rss.peakBytes / 2 ** 20;
    rss.stop();

    console.log(`\nbench:ui — ${driver === "pg" ? "PostgreSQL" : "PGlite"}, ${INVOICES} invoices; ${machineFacts()}`);
    for (const line of [...describePair(quiet), ...describePair(during)]) console.log(line);
    console.log(`Portal RSS: ${f(idleMb, 0)} MB idle, peak ${f(quietPeakMb, 0)} MB through the load without a sync, ${f(peakMb, 0)} MB over the whole run.`);
    if (!stillSyncing) console.log("  (the sync had finished before the measurement ended: the 'during sync' figure is not valid; set BENCH_SYNC_SEED to a larger seed)");
    const duringTarget = driver === "pg" ? TARGETS.pgWithWorkerSync : TARGETS.pgliteWithSync;
    console.log(
      `\nbench:ui cost_per_view=${f(costRatio(quiet), 2)}x (target ≤${TARGETS.costPerView}x; portal ${f(quiet.portal.cpuPerViewMs, 2)} ms, floor ${f(quiet.floor.cpuPerViewMs, 2)} ms)` +
        ` p95_ratio_idle=${f(p95Ratio(quiet), 2)}x${driver === "pg" ? ` (target ≤${TARGETS.pgIdle}x)` : ""}` +
        ` p95_ratio_sync=${f(p95Ratio(during), 2)}x (target ≤${duringTarget}x)` +
        ` idle=${f(idle, 2)}% (target ≤${TARGETS.idleCorePercent}%) peak_rss=${f(peakMb, 0)}MB (target ≤${TARGETS.peakRssMb}MB; idle ${f(idleMb, 0)}, no-sync load ${f(quietPeakMb, 0)})` +
        ` rate=${rate}/s db=${driver} invoices=${INVOICES} cores=${os.cpus().length} node=${process.version}`,
    );
    const pairs: Pair[] = [quiet, during];
    return pairs.some((p) => pairErrors(p) > 0) || !stillSyncing ? 1 : 0;
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
