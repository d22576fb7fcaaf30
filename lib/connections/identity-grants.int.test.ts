import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";

import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { identities } from "@/lib/db/schema";
import { connectTestCompany, registerTestApp, sandboxNow, sandboxOAuth, testKeyRing } from "@/lib/testing/connect";
import { postgresOnly, testDatabases, type TestDatabase } from "@/lib/testing/databases";
import { startSandbox, type SandboxApp, type SandboxDatabase, type SandboxProcess } from "@/lib/testing/sandbox";

import { leaseHeld, releaseLease, takeLease } from "@/lib/fortnox/token-lease";

import { createIdentityGrants, NO_GRANT, openIdentityGrant } from "./identity-grants";

/** A person's own grant follows the single-use refresh discipline of the company connections. */

type Log = { method: string; path: string; status: number }[];
const HOUR = 3600_000;
const ROOT = path.resolve(import.meta.dirname, "..", "..");

async function personalGrant(sb: SandboxProcess, app: SandboxApp, t: TestDatabase, ring = testKeyRing()) {
  const db = await sb.control<SandboxDatabase>("POST", "/databases", { seed: "tiny" });
  await connectTestCompany(sb, app, t.handle.db, ring, db.tenantId);
  const second = await connectTestCompany(sb, app, t.handle.db, ring, db.tenantId, { userId: db.users[1]!.id });
  expect(second.grant).toBe("identity");
  return { identityId: second.identityId, first: second.tokens, tenantId: db.tenantId, fortnoxUserId: db.users[1]!.id };
}

const tokenCalls = async (sb: SandboxProcess) => (await sb.control<Log>("GET", "/requests")).filter((r) => r.method === "POST" && r.path.startsWith("/oauth-v1/token"));

describe.each(testDatabases())("personal grants on $name", (factory) => {
  let t: TestDatabase;
  let sb: SandboxProcess;
  let app: SandboxApp;
  const ring = testKeyRing();
  beforeAll(async () => {
    [t, sb] = await Promise.all([factory.create(), startSandbox()]);
    app = await registerTestApp(sb);
  }, 300_000);
  afterAll(async () => Promise.all([t?.dispose(), sb?.stop()]));

  it("refreshes an expired grant once for many callers in two 'processes', and the new token works", async () => {
    const { identityId, first } = await personalGrant(sb, app, t, ring);
    const later = () => new Date(Date.now() + 2 * HOUR);
    // Two token sources with their own in-flight maps: only the refresh lease keeps them from both refreshing.
    const [p1, p2] = [createIdentityGrants({ db: t.handle.db, keyRing: ring, oauth: sandboxOAuth(sb, app), now: later }), createIdentityGrants({ db: t.handle.db, keyRing: ring, oauth: sandboxOAuth(sb, app), now: later })];
    await sb.control("DELETE", "/requests");
    const got = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? p1 : p2).getAccessToken(identityId)));
    expect(new Set(got).size).toBe(1);
    expect(got[0]).not.toBe(first.access_token);
    expect(await tokenCalls(sb)).toHaveLength(1);
    const me = await fetch(`${sb.url}/3/me`, { headers: { authorization: `Bearer ${got[0]}`, accept: "application/json" } });
    expect(me.status).toBe(200);
    // Sealed at rest: neither token appears in the row.
    const [row] = await t.handle.db.select().from(identities).where(eq(identities.id, identityId));
    expect(JSON.stringify(row)).not.toContain(got[0]!);
    expect(JSON.stringify(row)).not.toContain(first.refresh_token!);
  });

  it("a holder that died mid-refresh keeps the chain: its lease runs out, the next caller refreshes, and the dead holder's late write is refused", async () => {
    const { identityId, first } = await personalGrant(sb, app, t, ring);
    const later = () => new Date(Date.now() + 2 * HOUR);
    const grant = { table: "identities", id: identityId } as const;
    // A process took the lease and died before its call reached Fortnox.
    const dead = (await takeLease(t.handle.db, grant, later(), false))!;
    await t.handle.db.update(identities).set({ refreshLeaseUntil: new Date(Date.now() - 1) }).where(eq(identities.id, identityId));
    await sb.control("DELETE", "/requests");
    const token = await createIdentityGrants({ db: t.handle.db, keyRing: ring, oauth: sandboxOAuth(sb, app), now: later }).getAccessToken(identityId);
    expect(token).not.toBe(first.access_token);
    expect(await tokenCalls(sb)).toHaveLength(1);
    // The dead holder wakes up: its fence no longer holds, so it cannot clear or overwrite anything.
    await releaseLease(t.handle.db, grant, dead);
    const stale = await t.handle.db.update(identities).set({ ...NO_GRANT }).where(and(eq(identities.id, identityId), leaseHeld(dead))).returning();
    expect(stale).toHaveLength(0);
    const [row] = await t.handle.db.select().from(identities).where(eq(identities.id, identityId));
    expect(row).toMatchObject({ refreshLeaseId: null, refreshEpoch: dead.epoch + 1 });
    expect(openIdentityGrant(ring, row!).access).toBe(token);
  });

  it("a refused refresh forgets the grant and reports it as refused", async () => {
    const { identityId, tenantId, fortnoxUserId } = await personalGrant(sb, app, t, ring);
    await sb.control("PATCH", `/databases/${tenantId}/users/${fortnoxUserId}`, { active: false });
    const grants = createIdentityGrants({ db: t.handle.db, keyRing: ring, oauth: sandboxOAuth(sb, app) });
    expect(await grants.refreshNow(identityId)).toBe(false);
    const [after] = await t.handle.db.select().from(identities).where(eq(identities.id, identityId));
    expect(after).toMatchObject({ refreshTokenEnc: null, accessTokenEnc: null, lastErrorCode: "invalid_grant" });
    await expect(grants.getAccessToken(identityId)).rejects.toMatchObject({ code: "fortnox_reconnect_required" });
  });
});

describe.each(postgresOnly())("personal grant refresh race across two processes on $name", (factory) => {
  let t: TestDatabase;
  let sb: SandboxProcess;
  let app: SandboxApp;
  beforeAll(async () => {
    [t, sb] = await Promise.all([factory.create(), startSandbox()]);
    app = await registerTestApp(sb);
  }, 300_000);
  afterAll(async () => Promise.all([t?.dispose(), sb?.stop()]));

  async function race(identityId: string, offsetMs: number) {
    const env = {
      ...process.env,
      RACE_DB_URL: t.url!,
      RACE_SANDBOX_URL: sb.url,
      RACE_CLIENT_ID: app.clientId,
      RACE_CLIENT_SECRET: app.clientSecret,
      RACE_IDENTITY_ID: identityId,
      RACE_CLOCK_OFFSET_MS: String(offsetMs),
      RACE_START_AT: String(Date.now() + 4000),
      RACE_CALLS: "25",
    };
    const child = () => promisify(execFile)(path.join(ROOT, "node_modules/.bin/tsx"), ["--conditions=react-server", "lib/testing/token-race.ts"], { cwd: ROOT, env });
    const outs = await Promise.all([child(), child()]);
    return outs.map((o) => JSON.parse(o.stdout.trim().split("\n").pop()!) as { tokens: string[]; ok: number; errors: string[] });
  }

  it("50 calls from 2 processes on an expired personal grant: one refresh, one valid token for everyone", async () => {
    const { identityId, first } = await personalGrant(sb, app, t);
    await sb.control("POST", "/clock", { advanceMs: HOUR + 60_000 });
    const offset = (await sandboxNow(sb)).getTime() - Date.now();
    await sb.control("DELETE", "/requests");
    const [a, b] = await race(identityId, offset);
    expect([...a!.errors, ...b!.errors]).toEqual([]);
    expect(a!.ok + b!.ok).toBe(50);
    const tokens = new Set([...a!.tokens, ...b!.tokens]);
    expect(tokens.size).toBe(1);
    expect(tokens.has(first.access_token)).toBe(false);
    expect(await tokenCalls(sb)).toHaveLength(1);
    const me = await fetch(`${sb.url}/3/me`, { headers: { authorization: `Bearer ${[...tokens][0]}`, accept: "application/json" } });
    expect(me.status).toBe(200);
  });
});
