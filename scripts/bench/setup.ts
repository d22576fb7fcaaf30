/** Shared set-up for the sync benchmark: a database (PostgreSQL or PGlite), a sandbox, tenants. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { openDatabase, type DatabaseHandle } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { createRateLimiter } from "@/lib/fortnox/rate-limiter";
import { connectTestCompany, registerTestApp, testKeyRing } from "@/lib/testing/connect";
import { startSandbox, type SandboxApp, type SandboxProcess } from "@/lib/testing/sandbox";

export interface BenchDatabase {
  handle: DatabaseHandle;
  driver: "pg" | "pglite";
  dispose(): Promise<void>;
}

/** A fresh database: `name` on the server in DATABASE_URL, else PGlite in a temp dir. */
export async function benchDatabase(name = "brygga_bench_sync"): Promise<BenchDatabase> {
  const adminUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (adminUrl) {
    const { Client } = await import("pg");
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const handle = await openDatabase({ driver: "pg", url: url.toString(), poolSize: 20 });
    await migrateDatabase(handle);
    return {
      handle,
      driver: "pg",
      async dispose() {
        await handle.close();
        const c = new Client({ connectionString: adminUrl });
        await c.connect();
        await c.query(`drop database if exists ${name} with (force)`);
        await c.end();
      },
    };
  }
  const dir = mkdtempSync(path.join(tmpdir(), "brygga-bench-"));
  const handle = await openDatabase({ driver: "pglite", dir: path.join(dir, "db") });
  await migrateDatabase(handle);
  return {
    handle,
    driver: "pglite",
    async dispose() {
      await handle.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface BenchSandbox {
  sb: SandboxProcess;
  app: SandboxApp;
  window: { requests: number; windowMs: number };
}

export async function benchSandbox(requests: number, windowMs: number): Promise<BenchSandbox> {
  const sb = await startSandbox(["--rate-limit", `${requests}/${windowMs}`]);
  return { sb, app: await registerTestApp(sb), window: { requests, windowMs } };
}

export interface BenchTenant {
  tenantId: number;
  connectionId: string;
}

/**
 * Create test databases whose records were last modified yesterday (the sandbox clock is set back
 * while seeding), so an incremental run lists only what the benchmark changes, and connect each.
 */
export async function benchTenants(b: BenchSandbox, db: DatabaseHandle, seeds: unknown[]): Promise<BenchTenant[]> {
  const DAY = 24 * 3600_000;
  await b.sb.control("POST", "/clock", { set: new Date(Date.now() - DAY).toISOString() });
  const created: number[] = [];
  for (const seed of seeds) created.push((await b.sb.control<{ tenantId: number }>("POST", "/databases", { seed })).tenantId);
  await b.sb.control("POST", "/clock", { set: new Date().toISOString() });
  const out: BenchTenant[] = [];
  // The identity calls go through the shared limiter (as sign-in does), at the sandbox's window.
  const limiter = createRateLimiter(db.db, b.window);
  for (const tenantId of created) out.push({ tenantId, connectionId: (await connectTestCompany(b.sb, b.app, db.db, testKeyRing(), tenantId, { limiter })).connectionId });
  // Let those calls leave the window, so each figure starts from an empty budget.
  await new Promise((r) => setTimeout(r, b.window.windowMs + 100));
  return out;
}

/** Peak resident memory of this process, sampled every 50 ms while `work` runs. */
export async function withPeakRss<T>(work: () => Promise<T>): Promise<{ result: T; peakRssMb: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  try {
    const result = await work();
    return { result, peakRssMb: Math.max(peak, process.memoryUsage().rss) / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}
