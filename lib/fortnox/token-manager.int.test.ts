import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";

import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { auditEvents, connections } from "@/lib/db/schema";
import { connectTestCompany, registerTestApp, sandboxNow, testKeyRing } from "@/lib/testing/connect";
import { postgresOnly, testDatabases, type TestDatabase } from "@/lib/testing/databases";
import { startSandbox, type SandboxApp, type SandboxProcess } from "@/lib/testing/sandbox";

import { createTokenManager } from "./token-manager";

const HOUR = 3600_000;
const DAY = 24 * HOUR;

interface LogEntry {
  method: string;
  path: string;
  status: number;
}

async function tokenCalls(sb: SandboxProcess): Promise<LogEntry[]> {
  const log = await sb.control<{ requests: LogEntry[] } | LogEntry[]>("GET", "/requests");
  const entries = Array.isArray(log) ? log : log.requests;
  return entries.filter((r) => r.method === "POST" && r.path.startsWith("/oauth-v1/token"));
}

async function firstTenant(sb: SandboxProcess): Promise<number> {
  const created = await sb.control<{ tenantId: number }>("POST", "/databases", { seed: "tiny" });
  return created.tenantId;
}

function manager(sb: SandboxProcess, app: SandboxApp, t: TestDatabase, now: () => Date) {
  return createTokenManager({
    db: t.handle.db,
    keyRing: testKeyRing(),
    oauth: { tokenUrl: `${sb.url}/oauth-v1/token`, revokeUrl: `${sb.url}/oauth-v1/revoke`, clientId: app.clientId, clientSecret: app.clientSecret },
    now,
  });
}

describe.each(testDatabases())("token manager on $name", (factory) => {
  let sb: SandboxProcess;
  let app: SandboxApp;
  let t: TestDatabase;
  let offset = 0;
  const clock = () => new Date(Date.now() + offset);
  const advance = async (ms: number) => {
    await sb.control("POST", "/clock", { advanceMs: ms });
    offset = (await sandboxNow(sb)).getTime() - Date.now();
  };

  beforeAll(async () => {
    [sb, t] = await Promise.all([startSandbox(), factory.create()]);
    app = await registerTestApp(sb);
  });
  afterAll(async () => {
    await Promise.all([sb?.stop(), t?.dispose()]);
  });

  it("serves a fresh token without calling Fortnox, and refreshes exactly once for 50 racing callers after expiry", async () => {
    const { connectionId, tokens } = await connectTestCompany(sb, app, t.handle.db, testKeyRing(), await firstTenant(sb));
    const tm = manager(sb, app, t, clock);
    await sb.control("DELETE", "/requests");
    expect(await tm.getAccessToken(connectionId)).toBe(tokens.access_token);
    await advance(HOUR + 60_000);
    const got = await Promise.all(Array.from({ length: 50 }, () => tm.getAccessToken(connectionId)));
    expect(new Set(got).size).toBe(1);
    expect(got[0]).not.toBe(tokens.access_token);
    expect(await tokenCalls(sb)).toHaveLength(1);
    const res = await fetch(`${sb.url}/3/companyinformation`, { headers: { authorization: `Bearer ${got[0]}`, accept: "application/json" } });
    expect(res.status).toBe(200);
  });

  it("keeps idle connections alive before 45 days, and marks expired refresh tokens as needing reconnect", async () => {
    const a = await connectTestCompany(sb, app, t.handle.db, testKeyRing(), await firstTenant(sb));
    const tm = manager(sb, app, t, clock);
    await advance(31 * DAY);
    expect(await tm.keepAlive()).toMatchObject({ refreshed: expect.any(Number) as number, failed: 0 });
    const [kept] = await t.handle.db.select().from(connections).where(eq(connections.id, a.connectionId));
    expect(kept!.status).toBe("active");
    expect(kept!.lastRefreshedAt!.getTime()).toBeGreaterThan(Date.now() + 30 * DAY);
    await advance(46 * DAY);
    await expect(tm.getAccessToken(a.connectionId)).rejects.toMatchObject({ code: "fortnox_reconnect_required" });
    const [dead] = await t.handle.db.select().from(connections).where(eq(connections.id, a.connectionId));
    expect(dead!.status).toBe("needs_reconnect");
    expect(dead!.lastErrorCode).toBe("invalid_grant");
    const events = await t.handle.db.select().from(auditEvents).where(eq(auditEvents.connectionId, a.connectionId));
    expect(events.map((e) => e.type)).toContain("connection.refresh_failed");
  });

  it("uses client_credentials for service accounts (no refresh token stored)", async () => {
    const s = await connectTestCompany(sb, app, t.handle.db, testKeyRing(), await firstTenant(sb), { service: true });
    const tm = manager(sb, app, t, clock);
    await advance(2 * HOUR);
    const token = await tm.getAccessToken(s.connectionId);
    expect(token).not.toBe(s.tokens.access_token);
    const res = await fetch(`${sb.url}/3/companyinformation`, { headers: { authorization: `Bearer ${token}`, accept: "application/json" } });
    expect(res.status).toBe(200);
  });

  it("writes no token to the logs, on success or failure", async () => {
    const lines: string[] = [];
    const capture = (orig: typeof process.stdout.write) =>
      ((chunk: string | Uint8Array, ...rest: unknown[]) => {
        lines.push(String(chunk));
        return (orig as (...a: unknown[]) => boolean).call(process.stdout, chunk, ...rest);
      }) as typeof process.stdout.write;
    const out = vi.spyOn(process.stdout, "write").mockImplementation(capture(process.stdout.write.bind(process.stdout)));
    const err = vi.spyOn(process.stderr, "write").mockImplementation(capture(process.stderr.write.bind(process.stderr)));
    try {
      const c = await connectTestCompany(sb, app, t.handle.db, testKeyRing(), await firstTenant(sb));
      const tm = manager(sb, app, t, clock);
      await advance(HOUR + 60_000);
      const fresh = await tm.getAccessToken(c.connectionId);
      await advance(46 * DAY);
      await expect(tm.getAccessToken(c.connectionId)).rejects.toThrow();
      const logged = lines.join("");
      expect(logged).toContain("needs reconnect");
      for (const secret of [c.tokens.access_token, c.tokens.refresh_token!, fresh, app.clientSecret]) expect(logged).not.toContain(secret);
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
  });

  it("stores no plaintext token anywhere in the database", async () => {
    const c = await connectTestCompany(sb, app, t.handle.db, testKeyRing(), await firstTenant(sb));
    const dump = JSON.stringify([await t.handle.db.select().from(connections), await t.handle.db.select().from(auditEvents)]);
    expect(dump).not.toContain(c.tokens.access_token);
    expect(dump).not.toContain(c.tokens.refresh_token!);
  });

  it("disconnect revokes the refresh token at Fortnox and forgets the tokens", async () => {
    const c = await connectTestCompany(sb, app, t.handle.db, testKeyRing(), await firstTenant(sb));
    await manager(sb, app, t, clock).disconnect(c.connectionId, c.userId);
    const [row] = await t.handle.db.select().from(connections).where(eq(connections.id, c.connectionId));
    expect(row).toMatchObject({ status: "disconnected", accessTokenEnc: null, refreshTokenEnc: null });
    const reuse = await fetch(`${sb.url}/oauth-v1/token`, {
      method: "POST",
      headers: { authorization: `Basic ${Buffer.from(`${app.clientId}:${app.clientSecret}`).toString("base64")}`, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: c.tokens.refresh_token! }).toString(),
    });
    expect(reuse.status).toBe(400);
  });
});

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "..", "..");

describe.each(postgresOnly())("refresh race across two processes on $name", (factory) => {
  let sb: SandboxProcess;
  let app: SandboxApp;
  let t: TestDatabase;
  beforeAll(async () => {
    [sb, t] = await Promise.all([startSandbox(), factory.create()]);
    app = await registerTestApp(sb);
  });
  afterAll(async () => {
    await Promise.all([sb?.stop(), t?.dispose()]);
  });

  async function race(connectionId: string, offsetMs: number) {
    const env = {
      ...process.env,
      RACE_DB_URL: t.url!,
      RACE_SANDBOX_URL: sb.url,
      RACE_CLIENT_ID: app.clientId,
      RACE_CLIENT_SECRET: app.clientSecret,
      RACE_CONNECTION_ID: connectionId,
      RACE_CLOCK_OFFSET_MS: String(offsetMs),
      RACE_START_AT: String(Date.now() + 4000),
      RACE_CALLS: "25",
    };
    const child = () => run(path.join(ROOT, "node_modules/.bin/tsx"), ["--conditions=react-server", "lib/testing/token-race.ts"], { cwd: ROOT, env });
    const outs = await Promise.all([child(), child()]);
    return outs.map((o) => JSON.parse(o.stdout.trim().split("\n").pop()!) as { tokens: string[]; ok: number; errors: string[] });
  }

  it("50 calls from 2 processes on an expired token: one refresh, one valid token for everyone", async () => {
    const c = await connectTestCompany(sb, app, t.handle.db, testKeyRing(), await firstTenant(sb));
    await sb.control("POST", "/clock", { advanceMs: HOUR + 60_000 });
    const offset = (await sandboxNow(sb)).getTime() - Date.now();
    await sb.control("DELETE", "/requests");
    const [a, b] = await race(c.connectionId, offset);
    expect(a!.errors).toEqual([]);
    expect(b!.errors).toEqual([]);
    expect(a!.ok + b!.ok).toBe(50);
    expect(new Set([...a!.tokens, ...b!.tokens]).size).toBe(1);
    expect(await tokenCalls(sb)).toHaveLength(1);
    const [row] = await t.handle.db.select().from(connections).where(eq(connections.id, c.connectionId));
    expect(row!.status).toBe("active");
  });

  it("when Fortnox rejects the refresh: needs reconnect, no crash, one refresh attempt", async () => {
    const c = await connectTestCompany(sb, app, t.handle.db, testKeyRing(), await firstTenant(sb));
    // Make the stored refresh token dead at Fortnox by using it once behind the manager's back.
    await fetch(`${sb.url}/oauth-v1/token`, {
      method: "POST",
      headers: { authorization: `Basic ${Buffer.from(`${app.clientId}:${app.clientSecret}`).toString("base64")}`, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: c.tokens.refresh_token! }).toString(),
    });
    await sb.control("POST", "/clock", { advanceMs: HOUR + 60_000 });
    const offset = (await sandboxNow(sb)).getTime() - Date.now();
    await sb.control("DELETE", "/requests");
    const [a, b] = await race(c.connectionId, offset);
    expect(a!.ok + b!.ok).toBe(0);
    expect([...a!.errors, ...b!.errors].every((m) => /reconnect/i.test(m))).toBe(true);
    expect(await tokenCalls(sb)).toHaveLength(1);
    const [row] = await t.handle.db.select().from(connections).where(eq(connections.id, c.connectionId));
    expect(row!.status).toBe("needs_reconnect");
  });
});
