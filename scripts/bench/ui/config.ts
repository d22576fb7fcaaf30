/** Settings and fixed bounds shared by the `npm run bench:ui` modules (see scripts/bench-ui.ts). */
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "..", "..", "..");
export const DATA_DIR = path.join(ROOT, ".data", "bench-ui");
export const DB_NAME = "brygga_bench_ui";

const envNumber = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};
export const CLIENTS = envNumber("BENCH_CLIENTS", 20);
export const WARMUP_S = envNumber("BENCH_WARMUP_S", 3);
export const DURATION_S = envNumber("BENCH_DURATION_S", 20);
export const INVOICES = envNumber("BENCH_INVOICES", 100_000);
/** `next start` processes sharing the load (more than one needs PostgreSQL). */
export const INSTANCES = Math.floor(envNumber("BENCH_INSTANCES", 1));
export const CUSTOMERS = Math.max(1, Math.round(INVOICES / 50));
/** Hard bounds, whatever the settings: the run always ends. */
export const MAX_REQUESTS = 2_000_000;
export const REQUEST_TIMEOUT_MS = 15_000;
export const TARGET_P95_MS = 50;
/** The single-client baseline before the concurrent load: the server time with no queueing. */
export const SOLO_S = 6;
export const EXPLAIN = process.argv.includes("--explain");
export const EXTRA_SQL = (process.env.BENCH_SQL ?? "")
  .split(";")
  .map((s) => s.trim())
  .filter(Boolean);
