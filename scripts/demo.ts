/**
 * `npm run demo`: the whole product on one machine with no setup — the Fortnox sandbox with seeded
 * Swedish test databases, and the portal at http://localhost:3000 on the embedded database
 * (or on PostgreSQL when DATABASE_URL is set).
 */
import path from "node:path";

import { DatabaseLockedError } from "@/lib/db/lock";

import { buildIfNeeded } from "./build-if-needed";
import { DEMO_DEVELOPER_EMAIL } from "./demo-listing";
import { startStack } from "./stack";

const ROOT = path.resolve(import.meta.dirname, "..");

// pg-boss 12 and the browser tooling need Node 22.13 or newer; Node 20 is past its end of life.
const [major = 0, minor = 0] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 13)) {
  console.error(`Brygga needs Node.js 22.13 or newer (Node 24 recommended); this is Node ${process.versions.node}. Install a current LTS from https://nodejs.org and run npm install again.`);
  process.exit(1);
}

try {
  buildIfNeeded();
  const stack = await startStack({
    portalPort: Number(process.env.PORT ?? 3000),
    sandboxPort: Number(process.env.SANDBOX_PORT ?? 4000),
    dataDir: path.resolve(ROOT, process.env.DATA_DIR ?? ".data"),
    sandboxTestMode: false,
    seedDemo: true,
    databaseUrl: process.env.DATABASE_URL || undefined,
    host: process.env.HOST || undefined,
  });
  console.log(
    `\nBrygga is running at ${stack.portalUrl}\nFortnox sandbox: App Market at ${stack.sandboxUrl}/appmarket, developer portal at ${stack.sandboxUrl}/developer (Brygga's developer account: ${DEMO_DEVELOPER_EMAIL})\nPress Ctrl+C to stop.\n`,
  );
  const shutdown = () => void stack.stop().then(() => process.exit(0));
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
  const { name, code } = await stack.exited;
  console.error(`The ${name} stopped (exit code ${code}); shutting down.`);
  await stack.stop();
  process.exit(code ?? 1);
} catch (e) {
  console.error(e instanceof DatabaseLockedError ? e.message : `Brygga demo could not start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
