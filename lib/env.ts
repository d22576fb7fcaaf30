import "server-only";

import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

import { z } from "zod";

/**
 * The only reader of process.env. Every setting is validated here; a bad or missing one stops
 * start-up with one line per problem that names the variable and how to fix it.
 *
 * Modes: production (NODE_ENV=production without BRYGGA_DEMO) requires every secret and the
 * Fortnox app credentials. Anything else (demo, dev, test) generates the secrets once and keeps
 * them in DATA_DIR/secrets.json so sessions and encrypted tokens survive a restart.
 */

const emptyAsUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optionalString = z.preprocess(emptyAsUndefined, z.string().optional());
const flag = z.preprocess(emptyAsUndefined, z.enum(["1", "0", "true", "false"]).optional()).transform((v) => v === "1" || v === "true");

const httpUrl = (name: string) =>
  z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .url(`${name} must be an absolute URL such as https://example.com`)
      .refine((u) => /^https?:\/\//.test(u), `${name} must start with http:// or https://`)
      .transform((u) => u.replace(/\/+$/, ""))
      .optional(),
  );

const schema = z.object({
  NODE_ENV: z.preprocess(emptyAsUndefined, z.enum(["development", "production", "test"]).default("development")),
  BRYGGA_DEMO: flag,
  DATA_DIR: optionalString,
  DATABASE_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgres:// or postgresql:// URL")
      .optional(),
  ),
  AUTH_SECRET: z.preprocess(emptyAsUndefined, z.string().min(32, "AUTH_SECRET must be at least 32 characters").optional()),
  AUTH_URL: httpUrl("AUTH_URL").refine(
    (u) => u === undefined || !/^https?:\/\/(127\.|\[::1\])/.test(u),
    "AUTH_URL must use localhost or a real host name, never 127.0.0.1 (Next rewrites loopback IPs to localhost, which breaks the OAuth redirect_uri match)",
  ),
  TOKEN_ENCRYPTION_KEY: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .refine((k) => Buffer.from(k, "base64").length === 32, "TOKEN_ENCRYPTION_KEY must be 32 bytes, base64-encoded")
      .optional(),
  ),
  TOKEN_ENCRYPTION_KEY_ID: z.preprocess(emptyAsUndefined, z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, "TOKEN_ENCRYPTION_KEY_ID must be 1-32 letters, digits, _ or -").default("k1")),
  TOKEN_ENCRYPTION_OLD_KEYS: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^([A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/=]+)(,[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/=]+)*$/, "TOKEN_ENCRYPTION_OLD_KEYS must look like id:base64key,id2:base64key")
      .optional(),
  ),
  FORTNOX_AUTH_URL: httpUrl("FORTNOX_AUTH_URL"),
  FORTNOX_API_URL: httpUrl("FORTNOX_API_URL"),
  FORTNOX_WS_URL: z.preprocess(emptyAsUndefined, z.string().regex(/^wss?:\/\//, "FORTNOX_WS_URL must be a ws:// or wss:// URL").optional()),
  FORTNOX_CLIENT_ID: optionalString,
  FORTNOX_CLIENT_SECRET: optionalString,
  FORTNOX_SCOPES: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^[a-z]+( [a-z]+)*$/, "FORTNOX_SCOPES must be space-separated lower-case scope names")
      .default("companyinformation profile customer article invoice settings"),
  ),
  FORTNOX_RATE_LIMIT: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^[1-9]\d*\/[1-9]\d*$/, "FORTNOX_RATE_LIMIT must look like 25/5000 (requests per window in milliseconds)")
      .default("25/5000"),
  ),
  LOG_LEVEL: z.preprocess(emptyAsUndefined, z.enum(["debug", "info", "warn", "error"]).default("info")),
  JOB_WORKERS: z.preprocess(emptyAsUndefined, z.enum(["on", "off"], { message: "JOB_WORKERS must be on or off" }).default("on")),
  BRYGGA_DEMO_SANDBOX_URL: httpUrl("BRYGGA_DEMO_SANDBOX_URL"),
  METRICS_TOKEN: z.preprocess(emptyAsUndefined, z.string().min(16, "METRICS_TOKEN must be at least 16 characters (generate one with: openssl rand -hex 24)").optional()),
  FORTNOX_WEBHOOK_SECRET: z.preprocess(
    emptyAsUndefined,
    z.string().regex(/^[A-Za-z0-9_-]{16,128}$/, "FORTNOX_WEBHOOK_SECRET must be 16-128 letters, digits, _ or - (generate one with: openssl rand -hex 24)").optional(),
  ),
  FORTNOX_WEBHOOK_URL: httpUrl("FORTNOX_WEBHOOK_URL"),
});

export type Mode = "production" | "demo" | "development" | "test";

export interface Env {
  mode: Mode;
  dataDir: string;
  database: { driver: "pg"; url: string } | { driver: "pglite"; dir: string };
  authSecret: string;
  authUrl: string;
  tokenKeys: { activeId: string; keys: Map<string, Buffer> };
  fortnox: { authUrl: string; apiUrl: string; wsUrl: string; clientId: string; clientSecret: string; scopes: string[]; rateLimit: { requests: number; windowMs: number } };
  logLevel: "debug" | "info" | "warn" | "error";
  /** Whether this portal process works jobs, or only queues them for `npm run worker` (PostgreSQL). */
  jobWorkers: boolean;
  /** Demo mode only: the Fortnox sandbox whose control API the /demo page and "Starta demo" use. */
  demo: { sandboxUrl: string } | null;
  /** Operator settings: the /api/metrics bearer token (null = no metrics endpoint), the consent webhook's secret and registered URL. */
  ops: { metricsToken: string | null; webhookSecret: string | null; webhookUrl: string | null; tokenKeyConfigured: boolean };
}

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join("\n"));
    this.name = "EnvError";
  }
}

const PRODUCTION_REQUIRED = {
  DATABASE_URL: "set it to your PostgreSQL URL, e.g. postgres://user:pass@host:5432/brygga (the embedded database is for demo and development)",
  AUTH_SECRET: "generate one with: openssl rand -base64 32",
  AUTH_URL: "set it to the portal's public origin, e.g. https://brygga.example.com",
  TOKEN_ENCRYPTION_KEY: "generate one with: openssl rand -base64 32",
  FORTNOX_CLIENT_ID: "copy it from your app in the Fortnox Developer Portal",
  FORTNOX_CLIENT_SECRET: "copy it from your app in the Fortnox Developer Portal",
} as const;

interface GeneratedSecrets {
  authSecret: string;
  tokenKey: string;
}

/** Demo/dev secrets: generated once, kept with the data so sessions and stored tokens stay valid. */
function loadOrCreateSecrets(dataDir: string): GeneratedSecrets {
  const file = path.join(dataDir, "secrets.json");
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as GeneratedSecrets;
  mkdirSync(dataDir, { recursive: true });
  const secrets = { authSecret: randomBytes(32).toString("base64"), tokenKey: randomBytes(32).toString("base64") };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600, flag: "wx" });
  return secrets;
}

function parseOldKeys(value: string | undefined): [string, Buffer][] {
  if (!value) return [];
  return value.split(",").map((pair) => {
    const [id, key] = pair.split(":") as [string, string];
    return [id, Buffer.from(key, "base64")];
  });
}

/** Parse and validate an environment. Pure apart from demo-secret generation; tests pass their own source. */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    throw new EnvError(
      parsed.error.issues.map((i) => `Brygga configuration: ${i.path.join(".") || "environment"}: ${i.message}`),
    );
  }
  const v = parsed.data;
  const mode: Mode = v.NODE_ENV === "production" ? (v.BRYGGA_DEMO ? "demo" : "production") : v.BRYGGA_DEMO ? "demo" : v.NODE_ENV;
  const dataDir = path.resolve(/*turbopackIgnore: true*/ v.DATA_DIR ?? ".data");

  if (mode === "production") {
    const missing = (Object.keys(PRODUCTION_REQUIRED) as (keyof typeof PRODUCTION_REQUIRED)[]).filter((k) => !v[k]);
    if (missing.length > 0) {
      throw new EnvError(
        missing.map((k) => `Brygga configuration: ${k} is required in production: ${PRODUCTION_REQUIRED[k]} (or set BRYGGA_DEMO=1 to run the demo).`),
      );
    }
  }
  // On PGlite the portal is the only process that may open the database, so it must work the jobs.
  if (v.JOB_WORKERS === "off" && !v.DATABASE_URL) {
    throw new EnvError(["Brygga configuration: JOB_WORKERS=off needs PostgreSQL (DATABASE_URL): on the embedded database the portal is the only worker."]);
  }
  const secrets = mode === "production" ? undefined : loadOrCreateSecrets(dataDir);
  const tokenKey = Buffer.from((v.TOKEN_ENCRYPTION_KEY ?? secrets?.tokenKey)!, "base64");
  const keys = new Map<string, Buffer>([...parseOldKeys(v.TOKEN_ENCRYPTION_OLD_KEYS), [v.TOKEN_ENCRYPTION_KEY_ID, tokenKey]]);

  return {
    mode,
    dataDir,
    database: v.DATABASE_URL ? { driver: "pg", url: v.DATABASE_URL } : { driver: "pglite", dir: path.join(dataDir, "pglite") },
    authSecret: (v.AUTH_SECRET ?? secrets?.authSecret)!,
    authUrl: v.AUTH_URL ?? "http://localhost:3000",
    tokenKeys: { activeId: v.TOKEN_ENCRYPTION_KEY_ID, keys },
    fortnox: {
      authUrl: v.FORTNOX_AUTH_URL ?? (mode === "production" ? "https://apps.fortnox.se" : "http://localhost:4000"),
      apiUrl: v.FORTNOX_API_URL ?? (mode === "production" ? "https://api.fortnox.se" : "http://localhost:4000"),
      wsUrl: v.FORTNOX_WS_URL ?? (mode === "production" ? "wss://ws.fortnox.se/topics-v1" : "ws://localhost:4000/topics-v1"),
      clientId: v.FORTNOX_CLIENT_ID ?? "",
      clientSecret: v.FORTNOX_CLIENT_SECRET ?? "",
      scopes: v.FORTNOX_SCOPES.split(" "),
      rateLimit: { requests: Number(v.FORTNOX_RATE_LIMIT.split("/")[0]), windowMs: Number(v.FORTNOX_RATE_LIMIT.split("/")[1]) },
    },
    logLevel: v.LOG_LEVEL,
    jobWorkers: v.JOB_WORKERS === "on",
    // The sandbox serves OAuth and the API from one origin, so by default it is the auth origin.
    demo: mode === "demo" ? { sandboxUrl: v.BRYGGA_DEMO_SANDBOX_URL ?? v.FORTNOX_AUTH_URL ?? "http://localhost:4000" } : null,
    ops: { metricsToken: v.METRICS_TOKEN ?? null, webhookSecret: v.FORTNOX_WEBHOOK_SECRET ?? null, webhookUrl: v.FORTNOX_WEBHOOK_URL ?? null, tokenKeyConfigured: v.TOKEN_ENCRYPTION_KEY !== undefined },
  };
}

/** The log level alone, so logging never depends on (or triggers) the rest of the configuration. */
export function getLogLevel(): Env["logLevel"] {
  const parsed = schema.shape.LOG_LEVEL.safeParse(process.env.LOG_LEVEL);
  return parsed.success ? parsed.data : "info";
}

const cache = globalThis as unknown as { __bryggaEnv?: Env };

/** The validated environment of this process, read once. */
export function getEnv(): Env {
  cache.__bryggaEnv ??= loadEnv();
  return cache.__bryggaEnv;
}
