import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { auditEvents, connections, memberships, tenants, users } from "@/lib/db/schema";
import type { FortnoxIdentity } from "@/lib/fortnox/identity";
import { testKeyRing } from "@/lib/testing/connect";
import { testDatabases, type TestDatabase } from "@/lib/testing/databases";

import { onboardConnection } from "./onboard";

const identity = (over: Partial<FortnoxIdentity["user"]> = {}): FortnoxIdentity => ({
  tenantId: 1000042,
  companyName: "Bryggans Kaffe AB",
  organisationNumber: "556640-2276",
  user: { fortnoxId: "u1", name: "Ingrid Sandberg", email: "Ingrid@Bryggan.se", sysAdmin: true, locale: "sv", ...over },
  unlicensedScopes: [],
  requestsMade: 2,
});
const tokens = (scope: string) => ({ access_token: "eyJ.a.b", refresh_token: "11111111-2222-3333-4444-555555555555", expires_in: 3600, scope, token_type: "bearer" });

describe.each(testDatabases())("onboarding on $name", (factory) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await factory.create();
  });
  afterAll(async () => t?.dispose());

  it("creates tenant, admin membership and connection; reconnecting updates them and reports the scope change", async () => {
    const first = await onboardConnection(t.handle.db, testKeyRing(), { identity: identity(), tokens: tokens("companyinformation customer invoice"), serviceAccount: false, environment: "test" });
    expect(first).toMatchObject({ reconnected: false, scopesAdded: ["companyinformation", "customer", "invoice"], scopesRemoved: [] });
    const again = await onboardConnection(t.handle.db, testKeyRing(), { identity: identity({ email: "ingrid@bryggan.se" }), tokens: tokens("article companyinformation customer"), serviceAccount: false, environment: "test" });
    expect(again).toMatchObject({ reconnected: true, connectionId: first.connectionId, userId: first.userId, scopesAdded: ["article"], scopesRemoved: ["invoice"] });
    expect(await t.handle.db.select().from(tenants).where(eq(tenants.fortnoxTenantId, 1000042))).toHaveLength(1);
    expect(await t.handle.db.select().from(connections).where(eq(connections.id, first.connectionId))).toHaveLength(1);
    const [m] = await t.handle.db.select().from(memberships).where(eq(memberships.userId, first.userId));
    expect(m!.role).toBe("admin");
    const types = (await t.handle.db.select().from(auditEvents).where(eq(auditEvents.connectionId, first.connectionId))).map((e) => e.type);
    expect(types.sort()).toEqual(["connection.connected", "connection.reconnected"]);
  });

  it("a non-SysAdmin becomes a member; a signed-in user adding a company keeps one account", async () => {
    const [owner] = await t.handle.db.insert(users).values({ email: "byra@redovisning.se", name: "Byrå" }).returning();
    const r = await onboardConnection(t.handle.db, testKeyRing(), {
      identity: { ...identity({ email: "other@elsewhere.se", sysAdmin: false }), tenantId: 1000043 },
      tokens: tokens("customer"),
      serviceAccount: false,
      environment: "test",
      linkUserId: owner!.id,
    });
    expect(r.userId).toBe(owner!.id);
    const [m] = await t.handle.db.select().from(memberships).where(eq(memberships.tenantId, r.tenantId));
    expect(m!.role).toBe("member");
  });
});
