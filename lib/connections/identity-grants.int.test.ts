import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { identities } from "@/lib/db/schema";
import { connectTestCompany, registerTestApp, sandboxOAuth, testKeyRing } from "@/lib/testing/connect";
import { testDatabases, type TestDatabase } from "@/lib/testing/databases";
import { startSandbox, type SandboxApp, type SandboxDatabase, type SandboxProcess } from "@/lib/testing/sandbox";

import { createIdentityGrants } from "./identity-grants";

/** A person's own grant follows the single-use refresh discipline of the company connections. */

type Log = { method: string; path: string; status: number }[];
const HOUR = 3600_000;

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

  async function personalGrant() {
    const db = await sb.control<SandboxDatabase>("POST", "/databases", { seed: "tiny" });
    await connectTestCompany(sb, app, t.handle.db, ring, db.tenantId);
    const second = await connectTestCompany(sb, app, t.handle.db, ring, db.tenantId, { userId: db.users[1]!.id });
    expect(second.grant).toBe("identity");
    return { identityId: second.identityId, first: second.tokens, tenantId: db.tenantId, fortnoxUserId: db.users[1]!.id };
  }

  it("refreshes an expired grant once for many callers in two 'processes', and the new token works", async () => {
    const { identityId, first } = await personalGrant();
    const later = () => new Date(Date.now() + 2 * HOUR);
    // Two token sources with their own in-flight maps: only the row lock keeps them from both refreshing.
    const [p1, p2] = [createIdentityGrants({ db: t.handle.db, keyRing: ring, oauth: sandboxOAuth(sb, app), now: later }), createIdentityGrants({ db: t.handle.db, keyRing: ring, oauth: sandboxOAuth(sb, app), now: later })];
    await sb.control("DELETE", "/requests");
    const got = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? p1 : p2).getAccessToken(identityId)));
    expect(new Set(got).size).toBe(1);
    expect(got[0]).not.toBe(first.access_token);
    const log = await sb.control<Log>("GET", "/requests");
    expect(log.filter((r) => r.method === "POST" && r.path.startsWith("/oauth-v1/token"))).toHaveLength(1);
    const me = await fetch(`${sb.url}/3/me`, { headers: { authorization: `Bearer ${got[0]}`, accept: "application/json" } });
    expect(me.status).toBe(200);
    // Sealed at rest: neither token appears in the row.
    const [row] = await t.handle.db.select().from(identities).where(eq(identities.id, identityId));
    expect(JSON.stringify(row)).not.toContain(got[0]!);
    expect(JSON.stringify(row)).not.toContain(first.refresh_token!);
  });

  it("a refused refresh forgets the grant and reports it as refused", async () => {
    const { identityId, tenantId, fortnoxUserId } = await personalGrant();
    await sb.control("PATCH", `/databases/${tenantId}/users/${fortnoxUserId}`, { active: false });
    const grants = createIdentityGrants({ db: t.handle.db, keyRing: ring, oauth: sandboxOAuth(sb, app) });
    expect(await grants.refreshNow(identityId)).toBe(false);
    const [after] = await t.handle.db.select().from(identities).where(eq(identities.id, identityId));
    expect(after).toMatchObject({ refreshTokenEnc: null, accessTokenEnc: null, lastErrorCode: "invalid_grant" });
    await expect(grants.getAccessToken(identityId)).rejects.toMatchObject({ code: "fortnox_reconnect_required" });
  });
});
