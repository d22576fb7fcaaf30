/**
 * `npm run sandbox -- --port 4000 [--data-dir .data/sandbox] [--test-mode] [--rate-limit 25/5000]
 *  [--public-url http://localhost:4000] [--seed-demo] [--host 127.0.0.1]`
 */
import { parseArgs } from "node:util";

import { effectiveRateLimit } from "./src/api/speed";
import { createSandbox } from "./src/server";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "4000" },
    host: { type: "string", default: "127.0.0.1" },
    "data-dir": { type: "string" },
    "test-mode": { type: "boolean", default: false },
    "rate-limit": { type: "string" },
    "public-url": { type: "string" },
    "seed-demo": { type: "boolean", default: false },
  },
});

function fail(message: string): never {
  console.error(`Fortnox sandbox: ${message}`);
  process.exit(2);
}

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a port number, got ${values.port}`);
let rateLimit;
if (values["rate-limit"]) {
  const m = /^(\d+)\/(\d+)$/.exec(values["rate-limit"]);
  if (!m) fail("--rate-limit must look like REQUESTS/WINDOW_MS, e.g. 25/5000");
  rateLimit = { requests: Number(m[1]), windowMs: Number(m[2]) };
}

if (!["127.0.0.1", "localhost", "::1"].includes(values.host)) {
  // Still safe: the developer portal and control API answer only to loopback names and --public-url's host.
  console.warn(`Fortnox sandbox: listening on ${values.host}, reachable from other machines; the developer portal answers only to localhost and --public-url.`);
}

try {
  const running = await createSandbox({
    port,
    host: values.host,
    dataDir: values["data-dir"],
    testMode: values["test-mode"],
    rateLimit,
    publicUrl: values["public-url"],
    seedDemo: values["seed-demo"],
  });
  const rl = effectiveRateLimit(running.sandbox);
  console.log(`Fortnox sandbox at ${running.url} (${values["test-mode"] ? "test mode" : "demo mode"}, ${rl.requests} req / ${rl.windowMs} ms${values["data-dir"] ? `, state in ${values["data-dir"]}` : ", in memory"})`);
  const stop = () => void running.close().then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
} catch (e) {
  fail((e as NodeJS.ErrnoException).code === "EADDRINUSE" ? `port ${port} is already in use (is another sandbox or demo running?)` : (e as Error).message);
}
