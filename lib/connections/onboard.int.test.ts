import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { listUserCompanies } from "@/lib/db/queries/companies";
import { auditEvents, connections, identities, memberships, tenants, users } from "@/lib/db/schema";
import type { FortnoxIdentity } from "@/lib/fortnox/identity";
import { connectTestCompany, registerTestApp, testKeyRing } from "@/lib/testing/connect";
import { testDatabases, type TestDatabase } from "@/lib/testing/databases";
import { startSandbox, type SandboxApp, type SandboxDatabase, type SandboxProcess } from "@/lib/testing/sandbox";

import { onboardConnection } from "./onboard";

const identity = (over: Partial<FortnoxIdentity["user"]> = {}, tenantId = 1000042): FortnoxIdentity => ({
  tenantId,
  companyName: "Bryggans Kaffe AB",
  organisationNumber: "556640-2276",
  user: { fortnoxId: "u1", name: "Ingrid Sandberg", email: "Ingrid@Bryggan.se", sysAdmin: true, locale: "sv", ...over },
  unlicensedScopes: [],
  requestsMade: 2,
});
const tokens = (scope: string) => ({ access_token: "eyJ.a.b", refresh_token: "11111111-2222-3333-4444-555555555555", expires_in: 3600, scope, token_type: "bearer" });
const base = { serviceAccount: false, environment: "test" as const };

describe.each(testDatabases())("onboarding on $name", (factory) => {
  let t: TestDatabase;
  let sb: SandboxProcess;
  let app: SandboxApp;
  const ring = testKeyRing();
  beforeAll(async () => {
    [t, sb] = await Promise.all([factory.create(), startSandbox()]);
    app = await registerTestApp(sb);
  }, 300_000);
  afterAll(async () => Promise.all([t?.dispose(), sb?.stop()]));
  const audits = async (tenantId: string) => (await t.handle.db.select().from(auditEvents).where(eq(auditEvents.tenantId, tenantId))).map((e) => ({ type: e.type, userId: e.userId, detail: e.detail }));

  it("creates tenant, admin membership and connection; the connector connecting again updates them and reports the scope change", async () => {
    const first = await onboardConnection(t.handle.db, ring, { ...base, identity: identity(), tokens: tokens("companyinformation customer invoice") });
    expect(first).toMatchObject({ reconnected: false, grant: "connection", role: "admin", scopesAdded: ["companyinformation", "customer", "invoice"], scopesRemoved: [] });
    const again = await onboardConnection(t.handle.db, ring, { ...base, identity: identity({ email: "changed@bryggan.se" }), tokens: tokens("article companyinformation customer") });
    expect(again).toMatchObject({ reconnected: true, grant: "connection", connectionId: first.connectionId, userId: first.userId, scopesAdded: ["article"], scopesRemoved: ["invoice"] });
    expect(await t.handle.db.select().from(tenants).where(eq(tenants.fortnoxTenantId, 1000042))).toHaveLength(1);
    const [user] = await t.handle.db.select().from(users).where(eq(users.id, first.userId));
    expect(user!.email).toBe("changed@bryggan.se");
    const types = (await audits(first.tenantId)).map((e) => e.type);
    expect(types.sort()).toEqual(["connection.connected", "connection.reconnected", "membership.added"]);
  });

  it("a second person's sign-in keeps the company's connection and becomes their own grant; losing SysAdmin demotes at sign-in", async () => {
    const owner = await onboardConnection(t.handle.db, ring, { ...base, identity: identity({}, 1000050), tokens: tokens("customer") });
    const [before] = await t.handle.db.select().from(connections).where(eq(connections.id, owner.connectionId));
    const other = await onboardConnection(t.handle.db, ring, { ...base, identity: identity({ fortnoxId: "u2", name: "Per", sysAdmin: true }, 1000050), tokens: tokens("customer invoice") });
    expect(other).toMatchObject({ grant: "identity", connectionId: owner.connectionId, role: "admin" });
    expect(other.userId).not.toBe(owner.userId);
    const [after] = await t.handle.db.select().from(connections).where(eq(connections.id, owner.connectionId));
    expect(after!.refreshTokenEnc).toBe(before!.refreshTokenEnc);
    expect(after!.connectedByUserId).toBe(owner.userId);
    const [grant] = await t.handle.db.select().from(identities).where(eq(identities.id, other.identityId));
    expect(grant!.refreshTokenEnc).toMatch(/./);
    expect(grant!.refreshTokenEnc).not.toContain("11111111");

    const demoted = await onboardConnection(t.handle.db, ring, { ...base, identity: identity({ fortnoxId: "u2", name: "Per", sysAdmin: false }, 1000050), tokens: tokens("customer") });
    expect(demoted).toMatchObject({ userId: other.userId, role: "member" });
    expect(await audits(owner.tenantId)).toContainEqual({ type: "membership.role_changed", userId: other.userId, detail: { from: "admin", to: "member", source: "sign_in" } });
  });

  it("a signed-in person adding a company keeps one account; a non-SysAdmin becomes a member", async () => {
    const [owner] = await t.handle.db.insert(users).values({ email: "byra@redovisning.se", name: "Byrå" }).returning();
    const r = await onboardConnection(t.handle.db, ring, { ...base, identity: identity({ email: "other@elsewhere.se", sysAdmin: false }, 1000043), tokens: tokens("customer"), linkUserId: owner!.id });
    expect(r.userId).toBe(owner!.id);
    const [m] = await t.handle.db.select().from(memberships).where(eq(memberships.tenantId, r.tenantId));
    expect(m!.role).toBe("member");
    expect((await audits(r.tenantId)).map((e) => e.type)).toContain("identity.linked");
  });

  it("an identity linked by its owner moves to them, taking its membership from the account it had", async () => {
    const alone = await onboardConnection(t.handle.db, ring, { ...base, identity: identity({ fortnoxId: "77" }, 1000060), tokens: tokens("customer") });
    const home = await onboardConnection(t.handle.db, ring, { ...base, identity: identity({ fortnoxId: "5" }, 1000061), tokens: tokens("customer") });
    const linked = await onboardConnection(t.handle.db, ring, { ...base, identity: identity({ fortnoxId: "77" }, 1000060), tokens: tokens("customer"), linkUserId: home.userId });
    expect(linked.userId).toBe(home.userId);
    expect((await listUserCompanies(t.handle.db, home.userId)).map((c) => c.fortnoxTenantId).sort()).toEqual([1000060, 1000061]);
    expect(await listUserCompanies(t.handle.db, alone.userId)).toEqual([]);
  });

  it("in the sandbox: another company's SysAdmin given the first user's e-mail signs in as someone else and sees only their own company", async () => {
    const dbA = await sb.control<SandboxDatabase>("POST", "/databases", { seed: "tiny" });
    const dbB = await sb.control<SandboxDatabase>("POST", "/databases", { seed: "tiny" });
    const victim = dbA.users.find((u) => !u.sysAdmin)!;
    const a = await connectTestCompany(sb, app, t.handle.db, ring, dbA.tenantId);
    const v = await connectTestCompany(sb, app, t.handle.db, ring, dbA.tenantId, { userId: victim.id });
    const [victimBefore] = await t.handle.db.select().from(users).where(eq(users.id, v.userId));

    const attacker = dbB.users.find((u) => u.sysAdmin)!;
    await sb.control("PATCH", `/databases/${dbB.tenantId}/users/${attacker.id}`, { email: victim.email, name: "Someone Else" });
    // Fortnox user ids are per company: the attacker's may even equal the victim's.
    const b = await connectTestCompany(sb, app, t.handle.db, ring, dbB.tenantId, { userId: attacker.id });

    expect(b.userId).not.toBe(v.userId);
    expect(b.userId).not.toBe(a.userId);
    expect((await listUserCompanies(t.handle.db, b.userId)).map((c) => c.fortnoxTenantId)).toEqual([dbB.tenantId]);
    const [victimAfter] = await t.handle.db.select().from(users).where(eq(users.id, v.userId));
    expect(victimAfter).toEqual(victimBefore);
    const victimCompanies = await listUserCompanies(t.handle.db, v.userId);
    expect(victimCompanies.map((c) => [c.fortnoxTenantId, c.role])).toEqual([[dbA.tenantId, "member"]]);
    const [m] = await t.handle.db.select().from(memberships).where(and(eq(memberships.userId, v.userId), eq(memberships.tenantId, v.tenantId)));
    expect(m!.role).toBe("member");
  });
});
