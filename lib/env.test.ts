import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { EnvError, loadEnv } from "./env";

const tmp = () => mkdtempSync(path.join(tmpdir(), "brygga-env-"));
const key = Buffer.alloc(32, 7).toString("base64");
const production = {
  NODE_ENV: "production",
  DATABASE_URL: "postgres://postgres@127.0.0.1:5432/brygga",
  AUTH_SECRET: "x".repeat(40),
  AUTH_URL: "https://brygga.example.com",
  TOKEN_ENCRYPTION_KEY: key,
  FORTNOX_CLIENT_ID: "client",
  FORTNOX_CLIENT_SECRET: "secret",
};

function problemsOf(source: Record<string, string | undefined>): string[] {
  try {
    loadEnv(source);
  } catch (e) {
    if (e instanceof EnvError) return e.problems;
    throw e;
  }
  return [];
}

describe("loadEnv", () => {
  it("accepts a complete production configuration and points at real Fortnox", () => {
    const env = loadEnv({ ...production, DATA_DIR: tmp() });
    expect(env.mode).toBe("production");
    expect(env.database).toEqual({ driver: "pg", url: production.DATABASE_URL });
    expect(env.fortnox.authUrl).toBe("https://apps.fortnox.se");
    expect(env.fortnox.apiUrl).toBe("https://api.fortnox.se");
    expect(env.tokenKeys.keys.get("k1")).toHaveLength(32);
  });

  it.each(Object.keys(production).filter((k) => k !== "NODE_ENV"))("names %s in one line when it is missing in production", (name) => {
    const problems = problemsOf({ ...production, [name]: undefined, DATA_DIR: tmp() });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(name);
    expect(problems[0]).not.toContain("\n");
  });

  it("treats an empty string as missing", () => {
    expect(problemsOf({ ...production, AUTH_SECRET: "  ", DATA_DIR: tmp() })[0]).toContain("AUTH_SECRET");
  });

  it("rejects malformed values with a message that names the variable", () => {
    expect(problemsOf({ ...production, DATABASE_URL: "mysql://x" })[0]).toMatch(/DATABASE_URL.*postgres/);
    expect(problemsOf({ ...production, TOKEN_ENCRYPTION_KEY: "c2hvcnQ=" })[0]).toMatch(/TOKEN_ENCRYPTION_KEY.*32 bytes/);
    expect(problemsOf({ ...production, AUTH_URL: "http://127.0.0.1:3000" })[0]).toMatch(/AUTH_URL.*localhost/);
    expect(problemsOf({ ...production, LOG_LEVEL: "loud" })[0]).toContain("LOG_LEVEL");
  });

  it("lets a PostgreSQL portal leave the jobs to npm run worker, and refuses that on PGlite", () => {
    expect(loadEnv({ ...production, DATA_DIR: tmp() }).jobWorkers).toBe(true);
    expect(loadEnv({ ...production, JOB_WORKERS: "off", DATA_DIR: tmp() }).jobWorkers).toBe(false);
    expect(problemsOf({ ...production, JOB_WORKERS: "maybe", DATA_DIR: tmp() })[0]).toContain("JOB_WORKERS");
    expect(problemsOf({ NODE_ENV: "production", BRYGGA_DEMO: "1", JOB_WORKERS: "off", DATA_DIR: tmp() })[0]).toMatch(/JOB_WORKERS=off needs PostgreSQL/);
  });

  it("generates demo secrets once and reuses them", () => {
    const dir = tmp();
    const first = loadEnv({ NODE_ENV: "production", BRYGGA_DEMO: "1", DATA_DIR: dir });
    const second = loadEnv({ NODE_ENV: "production", BRYGGA_DEMO: "1", DATA_DIR: dir });
    expect(first.mode).toBe("demo");
    expect(first.authSecret).toHaveLength(44);
    expect(second.authSecret).toBe(first.authSecret);
    expect(JSON.parse(readFileSync(path.join(dir, "secrets.json"), "utf8"))).toHaveProperty("tokenKey");
    expect(first.database).toEqual({ driver: "pglite", dir: path.join(dir, "pglite") });
    expect(first.fortnox.apiUrl).toBe("http://localhost:4000");
  });

  it("keeps old encryption keys for rotation", () => {
    const env = loadEnv({ ...production, TOKEN_ENCRYPTION_KEY_ID: "k2", TOKEN_ENCRYPTION_OLD_KEYS: `k1:${key}`, DATA_DIR: tmp() });
    expect(env.tokenKeys.activeId).toBe("k2");
    expect([...env.tokenKeys.keys.keys()].sort()).toEqual(["k1", "k2"]);
  });
});
