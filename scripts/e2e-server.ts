/**
 * The stack Playwright tests run against: fresh data every run, the sandbox in test mode, and a
 * fresh PostgreSQL database when DATABASE_URL is set (so CI proves both databases).
 */
import { rmSync } from "node:fs";
import path from "node:path";

import { startStack } from "./stack";

const ROOT = path.resolve(import.meta.dirname, "..");
export const E2E = { portalPort: 3100, sandboxPort: 4100 };

async function freshDatabase(url: string): Promise<string> {
  const { Client } = await import("pg");
  const admin = new Client({ connectionString: url });
  await admin.connect();
  await admin.query("drop database if exists brygga_e2e with (force)");
  await admin.query("create database brygga_e2e");
  await admin.end();
  const u = new URL(url);
  u.pathname = "/brygga_e2e";
  return u.toString();
}

const dataDir = path.join(ROOT, ".data", "e2e");
rmSync(dataDir, { recursive: true, force: true });
const adminUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
const stack = await startStack({
  ...E2E,
  dataDir,
  sandboxTestMode: true,
  seedDemo: true,
  databaseUrl: adminUrl ? await freshDatabase(adminUrl) : undefined,
  // Fortnox's limit at 20× speed (the portal's limiter is told the same), so a first sync of a
  // demo company finishes within a test's patience while still being rate-limited.
  sandboxArgs: ["--rate-limit", "25/250"],
  portalEnv: { FORTNOX_RATE_LIMIT: "25/250" },
});
console.log(`e2e stack ready: ${stack.portalUrl} (sandbox ${stack.sandboxUrl})`);
const stop = () => void stack.stop().then(() => process.exit(0));
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
await stack.exited;
await stack.stop();
process.exit(1);
