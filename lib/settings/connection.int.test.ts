import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import { createSession, liveSessionUser } from "@/lib/auth/server-sessions";
import type { Database } from "@/lib/db/client";
import { auditEvents, connections, memberships } from "@/lib/db/schema";
import { OAuthTokenError, refreshGrant } from "@/lib/fortnox/oauth";
import { createTokenManager } from "@/lib/fortnox/token-manager";
import { readTokens } from "@/lib/fortnox/token-store";
import { addPerson, form, RedirectSignal, sessionIds } from "@/lib/testing/actions";
import { connectTestCompany, registerTestApp, sandboxOAuth, TEST_SCOPES, testKeyRing } from "@/lib/testing/connect";
import { testDatabases, type TestDatabase } from "@/lib/testing/databases";
import { startSandbox, type SandboxApp, type SandboxProcess } from "@/lib/testing/sandbox";

/*
 * The connection page's facts and its disconnect, through the real action wrapper, guard, sessions
 * and token manager against the sandbox's revoke endpoint (docs/fortnox.md#oauth2). Stand-ins: the
 * request (whose session), Next's cache and navigation, and NextAuth's sign-in (not used here).
 */

const current = vi.hoisted((): { db: unknown; userId: string | null; tokens: unknown } => ({ db: null, userId: null, tokens: null }));
vi.mock("@/lib/auth/session", async () => {
  const { sessionFor } = await import("@/lib/testing/actions");
  return { readSession: () => Promise.resolve(sessionFor(current.userId)) };
});
vi.mock("next/headers", () => ({ cookies: () => Promise.resolve({ get: () => undefined, set: vi.fn(), delete: vi.fn() }), headers: () => Promise.resolve(new Headers()) }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next/navigation", async () => {
  const { RedirectSignal: Signal } = await import("@/lib/testing/actions");
  return { redirect: (to: string) => { throw new Signal(to); }, notFound: () => { throw new Error("NEXT_NOT_FOUND"); } };
});
vi.mock("react", async (original) => ({ ...(await original<object>()), cache: <T>(fn: T) => fn }));
vi.mock("@/lib/i18n/server", () => ({ getLocale: () => Promise.resolve("en") }));
vi.mock("@/lib/auth/config", () => ({ signIn: vi.fn(), signOut: vi.fn() }));
vi.mock("@/lib/auth/connect-flow", () => ({ rememberIntent: vi.fn() }));
vi.mock("@/lib/fortnox/tokens", () => ({ getTokenManager: () => Promise.resolve(current.tokens) }));
vi.mock("@/lib/db/client", async (original) => ({ ...(await original<object>()), getDb: () => Promise.resolve(current.db) }));

const { disconnectAction } = await import("@/lib/actions/connect");
const { getConnectionOverview } = await import("./connection");

const DAY = 24 * 3600_000;

describe.each(testDatabases())("the connection page on $name", (factory) => {
  let sb: SandboxProcess;
  let app: SandboxApp;
  let t: TestDatabase;
  let db: Database;
  const ring = testKeyRing();
  const connect = async () => {
    const { tenantId } = await sb.control<{ tenantId: number }>("POST", "/databases", { seed: "empty" });
    const c = await connectTestCompany(sb, app, db, ring, tenantId);
    sessionIds.set(c.userId, await createSession(db, c.userId));
    return c;
  };

  beforeAll(async () => {
    [sb, t] = await Promise.all([startSandbox(), factory.create()]);
    app = await registerTestApp(sb);
    db = t.handle.db;
    current.db = db;
    current.tokens = createTokenManager({ db, keyRing: ring, oauth: sandboxOAuth(sb, app) });
  }, 300_000);
  afterAll(async () => Promise.all([sb?.stop(), t?.dispose()]));
  beforeEach(() => (current.userId = null));

  it("shows scopes granted against requested with the difference, and token ages from dates only", async () => {
    const c = await connect();
    const now = new Date();
    await db.update(connections).set({ refreshTokenExpiresAt: new Date(now.getTime() + 40 * DAY), accessTokenExpiresAt: new Date(now.getTime() + 30 * 60_000) }).where(eq(connections.id, c.connectionId));
    const o = (await getConnectionOverview(db, c.tenantId, [...TEST_SCOPES.split(" "), "supplier"].filter((s) => s !== "settings"), now))!;
    expect(o).toMatchObject({ connectionId: c.connectionId, status: "active", serviceAccount: false });
    expect(o.scopes.missing).toEqual(["supplier"]);
    expect(o.scopes.extra).toEqual(["settings"]);
    expect(o.refreshToken).toMatchObject({ ageDays: 5, daysLeft: 40 });
    expect(o.accessToken).toMatchObject({ ageMinutes: 30, expired: false });
    // Nothing secret: neither token (in any form) nor a sealed column.
    const json = JSON.stringify(o);
    expect(json).not.toContain(c.tokens.access_token);
    expect(json).not.toContain(c.tokens.refresh_token!);
    expect(json).not.toMatch(/Enc|v1\.t1\./);
    // Another tenant's id gives nothing of this one.
    expect(await getConnectionOverview(db, "00000000-0000-4000-8000-000000000000", [], now)).toBeNull();
  });

  it("disconnect: admins only, their own company only; revokes at Fortnox, marks disconnected, ends sessions, audited", async () => {
    const c = await connect();
    const other = await connect();
    const member = await addPerson(db, "medlem@a.se", c.connectionId, "member");
    const refresh = (await readTokens(db, ring, c.connectionId))!.refreshToken!;

    // A member, and another company's admin, are refused; nothing is revoked.
    current.userId = member;
    expect(await disconnectAction(null, form({ connectionId: c.connectionId }))).toMatchObject({ ok: false, code: "forbidden" });
    current.userId = other.userId;
    expect(await disconnectAction(null, form({ connectionId: c.connectionId }))).toMatchObject({ ok: false, code: "not_found" });
    expect((await db.select().from(connections).where(eq(connections.id, c.connectionId)))[0]!.status).toBe("active");

    await sb.control("DELETE", "/requests");
    current.userId = c.userId;
    await expect(disconnectAction(null, form({ connectionId: c.connectionId }))).rejects.toThrow(RedirectSignal);

    const log = await sb.control<{ method: string; path: string; status: number }[]>("GET", "/requests");
    expect(log.filter((r) => r.path.startsWith("/oauth-v1/revoke"))).toMatchObject([{ method: "POST", status: 200 }]);
    // Fortnox no longer takes the refresh token.
    const refused = await refreshGrant(sandboxOAuth(sb, app), refresh).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(OAuthTokenError);
    expect(refused).toMatchObject({ error: "invalid_grant" });

    const [row] = await db.select().from(connections).where(eq(connections.id, c.connectionId));
    expect(row).toMatchObject({ status: "disconnected", accessTokenEnc: null, refreshTokenEnc: null });
    const [event] = await db.select().from(auditEvents).where(and(eq(auditEvents.connectionId, c.connectionId), eq(auditEvents.type, "connection.disconnected")));
    expect(event).toMatchObject({ userId: c.userId, detail: { revoked: true } });
    // Both people had only this company: their sessions are over. The other company's admin keeps theirs.
    expect(await liveSessionUser(db, sessionIds.get(c.userId)!, c.userId)).toBeNull();
    expect(await liveSessionUser(db, sessionIds.get(member)!, member)).toBeNull();
    expect(await liveSessionUser(db, sessionIds.get(other.userId)!, other.userId)).not.toBeNull();
    expect(await db.$count(memberships, eq(memberships.userId, c.userId))).toBe(1);
  }, 120_000);
});
