/**
 * Starts the whole product: the Fortnox sandbox (its own process, as a separate system) and the
 * portal under `next start`, wired together only through configuration. Used by `npm run demo`
 * and by the Playwright e2e server.
 */
import type { ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

import { lockHolder, DatabaseLockedError } from "@/lib/db/lock";

import { listInAppMarket } from "./demo-listing";
import { portalCommand } from "./portal-node-options";
import { spawnTied } from "./tied-children";

export interface StackOptions {
  portalPort: number;
  sandboxPort: number;
  dataDir: string;
  /** Enables the sandbox's clock, fault and quirk switches (tests only). */
  sandboxTestMode: boolean;
  /** Seed the sandbox's demo test databases on first start, and list Brygga in its App Market. */
  seedDemo: boolean;
  databaseUrl?: string;
  /** Extra sandbox CLI flags, e.g. ["--rate-limit", "25/5000"]. */
  sandboxArgs?: string[];
  /** Environment for the portal on top of the computed one. */
  portalEnv?: Record<string, string>;
  /**
   * Ports for more `next start` processes beside the first, sharing its configuration (PostgreSQL
   * only: PGlite admits one process). Cookies ignore the port, so one session works on all of them.
   */
  extraPortalPorts?: number[];
  /** Interface the portal listens on (default: loopback only). */
  host?: string;
}

export interface Stack {
  portalUrl: string;
  /** Every portal process's URL, `portalUrl` first. */
  portalUrls: string[];
  sandboxUrl: string;
  app: SandboxApp;
  /** Process ids of the portal processes (benchmarks read their CPU time and memory). */
  portalPids: number[];
  /** The portal's environment, for extra processes of the same deployment (`npm run worker`). */
  portalEnv: NodeJS.ProcessEnv;
  stop(): Promise<void>;
  /** Resolves when either process exits (the stack is then broken). */
  exited: Promise<{ name: string; code: number | null }>;
}

interface SandboxApp {
  clientId: string;
  clientSecret: string;
}

const ROOT = path.resolve(import.meta.dirname, "..");
const BIN = (name: string) => path.join(ROOT, "node_modules", ".bin", name);

export const PORTAL_SCOPES = "companyinformation profile customer article invoice settings";

function run(name: string, command: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawnTied(command, args, { cwd: ROOT, env, stdio: ["ignore", "inherit", "inherit"] });
  child.on("error", (e) => console.error(`[${name}] failed to start: ${e.message}`));
  return child;
}

async function waitFor(url: string, child: ChildProcess, name: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode} before it was ready`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${name} was not ready at ${url} within ${timeoutMs / 1000} s`);
}

/** Register Brygga as an app in the sandbox's developer portal (once; credentials kept with the data). */
async function ensureSandboxApp(sandboxUrl: string, portalUrl: string, dataDir: string): Promise<SandboxApp> {
  const file = path.join(dataDir, "sandbox-app.json");
  const redirectUris = [`${portalUrl}/api/auth/callback/fortnox`];
  const wanted = { name: "Brygga", redirectUris, scopes: PORTAL_SCOPES.split(" "), serviceAccounts: true };
  if (existsSync(file)) {
    const saved = JSON.parse(readFileSync(file, "utf8")) as SandboxApp;
    const res = await fetch(`${sandboxUrl}/developer/api/apps/${saved.clientId}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(wanted),
    });
    if (res.ok) return saved;
  }
  const res = await fetch(`${sandboxUrl}/developer/api/apps`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(wanted),
  });
  if (!res.ok) throw new Error(`The sandbox refused to register the Brygga app: ${res.status} ${await res.text()}`);
  const app = (await res.json()) as SandboxApp;
  writeFileSync(file, JSON.stringify({ clientId: app.clientId, clientSecret: app.clientSecret }, null, 2), { mode: 0o600 });
  return app;
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/** The portal's environment: demo mode, pointed at the sandbox, with `app`'s credentials. */
function portalEnvironment(o: { portalUrl: string; sandboxPort: number; dataDir: string; app: SandboxApp; databaseUrl?: string; portalEnv?: Record<string, string> }): NodeJS.ProcessEnv {
  const sandboxUrl = `http://localhost:${o.sandboxPort}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    BRYGGA_DEMO: "1",
    DATA_DIR: o.dataDir,
    AUTH_URL: o.portalUrl,
    FORTNOX_AUTH_URL: sandboxUrl,
    FORTNOX_API_URL: sandboxUrl,
    FORTNOX_WS_URL: `ws://localhost:${o.sandboxPort}/topics-v1`,
    FORTNOX_CLIENT_ID: o.app.clientId,
    FORTNOX_CLIENT_SECRET: o.app.clientSecret,
    FORTNOX_SCOPES: PORTAL_SCOPES,
    ...(o.databaseUrl ? { DATABASE_URL: o.databaseUrl } : {}),
    ...o.portalEnv,
  };
  if (!o.databaseUrl) delete env.DATABASE_URL;
  return env;
}

/**
 * One more portal (`next start`) against a running sandbox, with an app's credentials of its own:
 * what a developer does after registering an app in the developer portal (the journey e2e test).
 */
export async function startPortal(o: { port: number; sandboxPort: number; dataDir: string; app: SandboxApp; databaseUrl?: string; portalEnv?: Record<string, string> }): Promise<{ url: string; stop(): Promise<void> }> {
  const url = `http://localhost:${o.port}`;
  const pgliteDir = path.join(o.dataDir, "pglite");
  const holder = o.databaseUrl ? null : lockHolder(pgliteDir);
  if (holder !== null) throw new DatabaseLockedError(pgliteDir, holder);
  mkdirSync(o.dataDir, { recursive: true });
  const next = portalCommand(ROOT, ["-p", String(o.port)]);
  const portal = run("portal", next.command, next.args, portalEnvironment({ portalUrl: url, ...o }));
  const stop = () => stopChild(portal);
  try {
    await waitFor(`${url}/api/health`, portal, "The portal");
  } catch (e) {
    await stop();
    throw e;
  }
  return { url, stop };
}

export async function startStack(o: StackOptions): Promise<Stack> {
  const pgliteDir = path.join(o.dataDir, "pglite");
  // Fail before starting anything: a second stack on the same embedded database would lose data.
  const holder = o.databaseUrl ? null : lockHolder(pgliteDir);
  if (holder !== null) throw new DatabaseLockedError(pgliteDir, holder);
  mkdirSync(o.dataDir, { recursive: true });

  const portalUrl = `http://localhost:${o.portalPort}`;
  const sandboxUrl = `http://localhost:${o.sandboxPort}`;
  const sandboxFlags = ["--port", String(o.sandboxPort), "--data-dir", path.join(o.dataDir, "sandbox"), "--public-url", sandboxUrl];
  if (o.sandboxTestMode) sandboxFlags.push("--test-mode");
  if (o.seedDemo) sandboxFlags.push("--seed-demo");
  const sandbox = run("sandbox", BIN("tsx"), ["sandbox/cli.ts", ...sandboxFlags, ...(o.sandboxArgs ?? [])], { ...process.env });
  const children: ChildProcess[] = [sandbox];
  const stop = async () => {
    await Promise.all(children.map(stopChild));
  };
  try {
    await waitFor(`${sandboxUrl}/developer/api/apps`, sandbox, "The Fortnox sandbox", 60_000);
    const app = await ensureSandboxApp(sandboxUrl, portalUrl, o.dataDir);
    if (o.seedDemo) await listInAppMarket(sandboxUrl, portalUrl, app.clientId);
    const env = portalEnvironment({ portalUrl, sandboxPort: o.sandboxPort, dataDir: o.dataDir, app, databaseUrl: o.databaseUrl, portalEnv: o.portalEnv });
    const extra = o.extraPortalPorts ?? [];
    if (extra.length > 0 && !o.databaseUrl) throw new Error("More than one portal process needs PostgreSQL (DATABASE_URL): PGlite admits one process.");
    const portalUrls = [portalUrl];
    const portals: ChildProcess[] = [];
    for (const port of [o.portalPort, ...extra]) {
      // Local by default: the demo answers on loopback only, never on every interface.
      const next = portalCommand(ROOT, ["-p", String(port), "-H", o.host ?? "127.0.0.1"]);
      const portal = run("portal", next.command, next.args, env);
      children.push(portal);
      portals.push(portal);
      // One at a time: the first applies the migrations the others then find done.
      await waitFor(`http://localhost:${port}/api/health`, portal, "The portal");
      if (port !== o.portalPort) portalUrls.push(`http://localhost:${port}`);
    }
    const exited = new Promise<{ name: string; code: number | null }>((resolve) => {
      sandbox.once("exit", (code) => resolve({ name: "sandbox", code }));
      for (const portal of portals) portal.once("exit", (code) => resolve({ name: "portal", code }));
    });
    const portalPids = portals.map((p) => p.pid).filter((pid): pid is number => pid !== undefined);
    return { portalUrl, portalUrls, sandboxUrl, app, portalPids, portalEnv: env, stop, exited };
  } catch (e) {
    await stop();
    throw e;
  }
}
