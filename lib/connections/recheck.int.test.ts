import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createSession, liveSessionUser } from "@/lib/auth/server-sessions";
import { listUserCompanies } from "@/lib/db/queries/companies";
import { auditEvents, connections, identities, memberships, users } from "@/lib/db/schema";
import { FortnoxError } from "@/lib/fortnox/errors";
import { createRateLimiter } from "@/lib/fortnox/rate-limiter";
import { createTokenManager } from "@/lib/fortnox/token-manager";
import { connectTestCompany, registerTestApp, sandboxOAuth, testKeyRing } from "@/lib/testing/connect";
import { testDatabases, type TestDatabase } from "@/lib/testing/databases";
import { startSandbox, type SandboxApp, type SandboxDatabase, type SandboxProcess } from "@/lib/testing/sandbox";

import { recheckMemberships, type RecheckDeps } from "./recheck";
import { createRecheckDeps } from "./recheck-deps";

/** The daily re-check, driven by what a SysAdmin does in (the sandbox's) Fortnox. */

type Log = { method: string; path: string; status: number }[];

describe.each(testDatabases())("membership re-check on $name", (factory) => {
  let t: TestDatabase;
  let sb: SandboxProcess;
  let app: SandboxApp;
  let deps: RecheckDeps;
  let dbA: SandboxDatabase;
  let dbB: SandboxDatabase;
  const ring = testKeyRing();
  const people: Record<string, { userId: string; tenantId: string; sid: string }> = {};

  const addUser = (tenantId: number, sysAdmin: boolean, name: string) =>
    sb.control<{ id: string }>("POST", `/databases/${tenantId}/users`, { name, email: `${name.toLowerCase()}@example.se`, sysAdmin });
  const role = async (userId: string, tenantId: string) =>
    (await t.handle.db.select({ role: memberships.role }).from(memberships).where(and(eq(memberships.userId, userId), eq(memberships.tenantId, tenantId))))[0]?.role ?? null;
  const events = async (userId: string) =>
    (await t.handle.db.select().from(auditEvents).where(eq(auditEvents.userId, userId))).filter((e) => e.type.startsWith("membership.") && (e.detail as { source?: string }).source === "recheck").map((e) => ({ type: e.type, detail: e.detail }));
  const live = (name: string) => liveSessionUser(t.handle.db, people[name]!.sid, people[name]!.userId);

  async function signIn(name: string, tenantId: number, userId: string, linkUserId?: string) {
    const r = await connectTestCompany(sb, app, t.handle.db, ring, tenantId, { userId, linkUserId });
    people[name] = { userId: r.userId, tenantId: r.tenantId, sid: linkUserId ? people[name]?.sid ?? "" : await createSession(t.handle.db, r.userId) };
    return r;
  }

  beforeAll(async () => {
    [t, sb] = await Promise.all([factory.create(), startSandbox()]);
    app = await registerTestApp(sb);
    [dbA, dbB] = [await sb.control<SandboxDatabase>("POST", "/databases", { seed: "tiny" }), await sb.control<SandboxDatabase>("POST", "/databases", { seed: "tiny" })];
    deps = createRecheckDeps({
      db: t.handle.db,
      keyRing: ring,
      oauth: sandboxOAuth(sb, app),
      apiUrl: sb.url,
      clientId: app.clientId,
      limiter: createRateLimiter(t.handle.db),
      connectionTokens: createTokenManager({ db: t.handle.db, keyRing: ring, oauth: sandboxOAuth(sb, app) }),
    });
    const connector = await signIn("connector", dbA.tenantId, dbA.users[0]!.id);
    expect(connector.grant).toBe("connection");
    expect((await signIn("member", dbA.tenantId, dbA.users[1]!.id)).grant).toBe("identity");
    expect((await signIn("boss", dbA.tenantId, (await addUser(dbA.tenantId, true, "Boss")).id)).role).toBe("admin");
    // Pia works in B and, signed in, adds her login in A: one person, two companies.
    await signIn("pia", dbB.tenantId, dbB.users[0]!.id);
    await signIn("pia", dbA.tenantId, (await addUser(dbA.tenantId, false, "Pia")).id, people.pia!.userId);
    expect((await listUserCompanies(t.handle.db, people.pia!.userId)).length).toBe(2);
  }, 300_000);
  afterAll(async () => Promise.all([t?.dispose(), sb?.stop()]));

  it("confirms everyone with one /3/me each while nothing changed in Fortnox", async () => {
    await sb.control("DELETE", "/requests");
    const summary = await recheckMemberships(deps);
    // Four people in A (one of them also in B, where she connected the company): five memberships.
    expect(summary).toEqual({ checked: 5, confirmed: 5, roleChanged: 0, removed: 0, skipped: 0 });
    const log = await sb.control<Log>("GET", "/requests");
    // (A 429 retry would be the test's doing: its sign-ins identify companies outside the limiter.)
    expect(log.filter((r) => r.path === "/3/me" && r.status !== 429)).toHaveLength(5);
    expect(log.filter((r) => r.path.startsWith("/3/") && r.path !== "/3/me")).toEqual([]);
  });

  it("SysAdmin dropped → demoted; user deactivated → removed and their session refused; audited", async () => {
    const boss = (await sb.control<SandboxDatabase>("GET", `/databases/${dbA.tenantId}`)).users.find((u) => u.name === "Boss")!;
    await sb.control("PATCH", `/databases/${dbA.tenantId}/users/${boss.id}`, { sysAdmin: false });
    await sb.control("PATCH", `/databases/${dbA.tenantId}/users/${dbA.users[1]!.id}`, { active: false });
    expect(await live("member")).not.toBeNull();

    const summary = await recheckMemberships(deps);
    expect(summary).toMatchObject({ checked: 5, roleChanged: 1, removed: 1, skipped: 0 });
    expect(await role(people.boss!.userId, people.boss!.tenantId)).toBe("member");
    expect(await events(people.boss!.userId)).toEqual([{ type: "membership.role_changed", detail: { from: "admin", to: "member", source: "recheck" } }]);
    expect(await live("boss")).not.toBeNull();

    expect(await role(people.member!.userId, people.member!.tenantId)).toBeNull();
    expect(await events(people.member!.userId)).toEqual([{ type: "membership.removed", detail: { role: "member", reason: expect.stringMatching(/refused/) as string, source: "recheck" } }]);
    expect(await live("member")).toBeNull();
    const [grant] = await t.handle.db.select().from(identities).where(eq(identities.userId, people.member!.userId));
    expect(grant!.refreshTokenEnc).toBeNull();
  });

  it("removing someone who has another company drops only that company; their session goes on", async () => {
    const pia = (await sb.control<SandboxDatabase>("GET", `/databases/${dbA.tenantId}`)).users.find((u) => u.name === "Pia")!;
    await sb.control("DELETE", `/databases/${dbA.tenantId}/users/${pia.id}`);
    await recheckMemberships(deps);
    expect((await listUserCompanies(t.handle.db, people.pia!.userId)).map((c) => c.fortnoxTenantId)).toEqual([dbB.tenantId]);
    expect(await live("pia")).not.toBeNull();
  });

  it("the person whose sign-in is the company's connection is checked through it: deleted in Fortnox → removed, signed out", async () => {
    await sb.control("DELETE", `/databases/${dbA.tenantId}/users/${dbA.users[0]!.id}`);
    await recheckMemberships(deps);
    expect(await role(people.connector!.userId, people.connector!.tenantId)).toBeNull();
    expect(await live("connector")).toBeNull();
    const [c] = await t.handle.db.select().from(connections).where(eq(connections.tenantId, people.connector!.tenantId));
    expect(c!.status).toBe("needs_reconnect");
  });

  it("leaves members unchanged when Fortnox cannot be reached, and removes one nobody can vouch for", async () => {
    const down: RecheckDeps = { ...deps, meViaIdentity: () => Promise.reject(new FortnoxError(503, 1000003, "System exception", true)), meViaConnection: () => Promise.reject(new FortnoxError(0, undefined, "reset", true)) };
    const before = await t.handle.db.select().from(memberships);
    expect((await recheckMemberships(down)).skipped).toBe(before.length);
    expect(await t.handle.db.select().from(memberships)).toHaveLength(before.length);

    const [ghost] = await t.handle.db.insert(users).values({ email: "ghost@example.se", name: "Ghost" }).returning();
    await t.handle.db.insert(memberships).values({ userId: ghost!.id, tenantId: people.pia!.tenantId, role: "admin" });
    await recheckMemberships(deps);
    expect(await role(ghost!.id, people.pia!.tenantId)).toBeNull();
    expect(await events(ghost!.id)).toEqual([{ type: "membership.removed", detail: { role: "admin", reason: "unverifiable", source: "recheck" } }]);
  });
});
