import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

import { apiRoutes } from "./api";
import { createDispatcher } from "./api/dispatch";
import { SlidingWindowLimiter } from "./api/rate-limit";
import { effectiveRateLimit, handleSpeed } from "./api/speed";
import { SandboxClock } from "./core/clock";
import { defaultFaults, defaultQuirks, logRequest, type RateLimit, type Sandbox } from "./core/context";
import { errorBody } from "./api/quirks";
import { checkLocalRequest, localGuard, type LocalGuard } from "./core/guard";
import { inCallersLanguage, sendJson } from "./core/http";
import { autosave, loadState } from "./core/persistence";
import { SandboxState } from "./core/state";
import { handleControl } from "./developer/control";
import { createDatabase } from "./developer/databases";
import { handlePortalPage } from "./developer/pages/router";
import { handleAuthorize, handleDecision } from "./oauth/authorize";
import { handleToken } from "./oauth/token";
import { attachTopics } from "./ws/topics";

export interface SandboxOptions {
  port?: number;
  host?: string;
  /** Persist state here (demo mode); omitted → a fresh in-memory sandbox. */
  dataDir?: string;
  /** Enables the clock, fault, quirk and request-log control endpoints. */
  testMode?: boolean;
  rateLimit?: RateLimit;
  /** Origin used in `@url` and links; defaults to http://localhost:PORT. */
  publicUrl?: string;
  /** Ensure a few demo test databases exist. */
  seedDemo?: boolean;
}

export interface RunningSandbox {
  url: string;
  port: number;
  sandbox: Sandbox;
  close(): Promise<void>;
}

export const FORTNOX_RATE_LIMIT: RateLimit = { requests: 25, windowMs: 5000 };

/** The developer portal, App Market and control API: only the sandbox's own address may reach them. */
function isPortalPath(path: string): boolean {
  return path === "/" || ["/developer", "/appmarket"].some((p) => path === p || path.startsWith(`${p}/`));
}

function basicClientId(header: string | undefined): string | null {
  if (!header?.startsWith("Basic ")) return null;
  return Buffer.from(header.slice(6), "base64").toString("utf8").split(":")[0] ?? null;
}

const DEMO_COMPANIES = [
  { name: "Bryggans Kaffe AB", seed: "demo" },
  { name: "Skärgårdens Bygg & Måleri AB", seed: "small" },
  { name: "Norrsken Konsult AB", seed: "tiny" },
];

/** Start a Fortnox sandbox: OAuth2 (/oauth-v1), API v3 (/3), WebSocket topics and the developer portal. */
export async function createSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  if (options.publicUrl !== undefined && !/^https?:$/.test(URL.parse(options.publicUrl)?.protocol ?? "")) {
    throw new Error(`--public-url must be an absolute http(s) URL such as http://localhost:4000, got ${options.publicUrl}`);
  }
  const state = options.dataDir ? loadState(options.dataDir) : new SandboxState();
  const sb: Sandbox = {
    state,
    clock: new SandboxClock(),
    testMode: options.testMode ?? false,
    publicUrl: "",
    // Tokens must stay valid across restarts in demo mode, so the signing secret lives with the state.
    jwtSecret: new Uint8Array(Buffer.from((state.secret ??= randomBytes(32).toString("base64")), "base64")),
    formSecret: randomBytes(32),
    rateLimit: options.rateLimit ?? FORTNOX_RATE_LIMIT,
    faults: defaultFaults(),
    quirks: defaultQuirks(),
    requestLog: [],
    onEvent: new Set(),
  };
  if (options.seedDemo && state.databases.size === 0) {
    for (const c of DEMO_COMPANIES) createDatabase(sb, { name: c.name, seed: c.seed });
  }
  const dispatch = createDispatcher(sb, apiRoutes, new SlidingWindowLimiter(() => effectiveRateLimit(sb)));
  let guard: LocalGuard | null = null;

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", sb.publicUrl || "http://localhost");
    const path = url.pathname;
    const done = (p: Promise<void> | void) => void Promise.resolve(p).catch((e: unknown) => {
      console.error("[sandbox]", e);
      if (!res.headersSent) sendJson(res, 500, { error: "server_error" });
    });
    if (path === "/3" || path.startsWith("/3/")) return done(dispatch(req, res, url));
    if (path === "/oauth-v1/auth" && req.method === "GET") return done(handleAuthorize(sb, url, res));
    if (path === "/oauth-v1/auth/decision" && req.method === "POST") return done(handleDecision(sb, req, res));
    if (path.startsWith("/oauth-v1/")) {
      // The token endpoint's traffic belongs in the request log too (tests count refreshes there).
      res.once("finish", () => logRequest(sb, { at: new Date().toISOString(), method: req.method ?? "GET", path: url.pathname + url.search, clientId: basicClientId(req.headers.authorization), tenantId: null, status: res.statusCode }));
    }
    if (path === "/oauth-v1/token" && req.method === "POST") return done(handleToken(sb, req, res, "token"));
    if (path === "/oauth-v1/revoke" && req.method === "POST") return done(handleToken(sb, req, res, "revoke"));
    if (isPortalPath(path)) {
      // Local by default (docs/fortnox.md#sandbox-fidelity-choices): see core/guard.ts.
      const refused = guard ? checkLocalRequest(guard, req, path.startsWith("/developer/api/")) : { status: 403, error: "Starting", sv: "Startar" };
      if (refused) return sendJson(res, refused.status, { error: inCallersLanguage(req, refused.error, refused.sv) });
    }
    if (path === "/developer/api/speed") return done(handleSpeed(sb, req, res));
    if (path.startsWith("/developer/api/")) return done(handleControl(sb, req, res, url));
    if (handlePortalPage(sb, req, res, url)) return;
    sendJson(res, 404, errorBody(2000423, `Kan inte hitta resursen ${path}`, sb.quirks));
  });
  // Keep idle connections open longer than any client keeps them. A client whose event loop stalls
  // (a test process running an embedded database, a busy demo) can otherwise reuse a connection
  // at the moment Node's 5 s default closes it, and see "other side closed" on a request it sent.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const detachTopics = attachTopics(sb, server);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  sb.publicUrl = options.publicUrl ?? `http://localhost:${port}`;
  guard = localGuard(port, sb.publicUrl);
  const saver = options.dataDir ? autosave(options.dataDir, state) : null;
  saver?.flush();
  return {
    url: sb.publicUrl,
    port,
    sandbox: sb,
    async close() {
      detachTopics();
      saver?.stop();
      saver?.flush();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
