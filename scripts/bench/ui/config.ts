/** Settings and fixed bounds shared by the `npm run bench:ui` modules (see scripts/bench-ui.ts). */
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "..", "..", "..");
export const DATA_DIR = path.join(ROOT, ".data", "bench-ui");
export const DB_NAME = "brygga_bench_ui";
/** bench:ui builds into its own folder, with the framework-floor route (next.config.js). */
export const BENCH_DIST_DIR = ".next-bench";
export const BENCH_BUILD_ENV = { BRYGGA_BENCH_BUILD: "1" };

const envNumber = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};
/** Open-loop arrival rate (views per second); the targets: 25 on PostgreSQL, 10 on PGlite. */
export const RATE = (driver: "pg" | "pglite") => envNumber("BENCH_RATE", driver === "pg" ? 25 : 10);
export const WARMUP_S = envNumber("BENCH_WARMUP_S", 3);
export const DURATION_S = envNumber("BENCH_DURATION_S", 20);
/** The measured seconds of each target are split into this many alternating rounds (measure.ts). */
export const ROUNDS = Math.round(envNumber("BENCH_ROUNDS", 4));
export const IDLE_S = envNumber("BENCH_IDLE_S", 30);
export const IDLE_SETTLE_S = envNumber("BENCH_IDLE_SETTLE_S", 60);
/** Single-client requests per target for the unloaded p50. */
export const SOLO_COUNT = envNumber("BENCH_SOLO", 60);
export const INVOICES = envNumber("BENCH_INVOICES", 100_000);
export const CUSTOMERS = Math.max(1, Math.round(INVOICES / 50));
/** The company whose full sync runs during the "while syncing" measurement (2,500 invoices: ~9 min at Fortnox's pace). */
export const SYNC_SEED = process.env.BENCH_SYNC_SEED ?? "demo";
export const REQUEST_TIMEOUT_MS = 15_000;
/** Targets, as ratios to the framework floor measured in the same run. */
export const TARGETS = { costPerView: 1.5, pgIdle: 1.5, pgWithWorkerSync: 2, pgliteWithSync: 3, idleCorePercent: 1, peakRssMb: 400 };
export const EXTRA_SQL = (process.env.BENCH_SQL ?? "")
  .split(";")
  .map((s) => s.trim())
  .filter(Boolean);
/** Where the portal writes V8 CPU profiles (node --cpu-prof) when it stops; unset: no profiling. */
export const PROFILE_DIR = process.env.BENCH_PROFILE_DIR ? path.resolve(process.env.BENCH_PROFILE_DIR) : undefined;
/** The portal's NODE_OPTIONS: the CPU profiler (BENCH_PROFILE_DIR) and BENCH_NODE_OPTIONS. */
export const EXTRA_NODE_OPTIONS = [PROFILE_DIR ? `--cpu-prof --cpu-prof-dir=${PROFILE_DIR}` : "", process.env.BENCH_NODE_OPTIONS ?? ""].filter(Boolean).join(" ");
