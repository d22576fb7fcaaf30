import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import type { Database } from "@/lib/db/client";
import { listUserCompanies } from "@/lib/db/queries/companies";
import { connections, memberships, sessions, tenants, users } from "@/lib/db/schema";
import { createConnection } from "@/lib/testing/browse-records";
import { testDatabases, type TestDatabase } from "@/lib/testing/databases";

import { createSession, endSessionsAfterDisconnect, revokeSession, SESSION_TTL_MS } from "./server-sessions";

/*
 * The real guards and session table; only the request (the cookie's decoded ids) is a stand-in.
 * React's per-request cache is absent here, so every call is a new request.
 */
const request = vi.hoisted((): { db: unknown; ids: { userId: string; sessionId: string } | null } => ({ db: null, ids: null }));
vi.mock("./session", () => ({ readSession: () => Promise.resolve(request.ids ? { ...request.ids, connectionId: "" } : null) }));
vi.mock("next/headers", () => ({ cookies: () => Promise.resolve({ get: () => undefined }) }));
vi.mock("next/navigation", () => ({ redirect: vi.fn() }));
vi.mock("react", async (original) => ({ ...(await original<object>()), cache: <T>(fn: T) => fn }));
vi.mock("@/lib/db/client", async (original) => ({ ...(await original<object>()), getDb: () => Promise.resolve(request.db) }));

const { getViewer, requireCompany, ReadOnlyError } = await import("./guards");

describe.each(testDatabases())("guards and server-side sessions on $name", (factory) => {
  let t: TestDatabase;
  let db: Database;
  let a: string;
  let b: string;
  async function person(role: "admin" | "member" | "viewer", ...connectionIds: string[]) {
    const [u] = await db.insert(users).values({ email: `${role}@a.se`, name: role }).returning();
    for (const c of connectionIds) {
      const [conn] = await db.select().from(connections).where(eq(connections.id, c));
      await db.insert(memberships).values({ userId: u!.id, tenantId: conn!.tenantId, role });
    }
    return { userId: u!.id, sessionId: await createSession(db, u!.id) };
  }

  beforeAll(async () => {
    t = await factory.create();
    db = t.handle.db;
    request.db = db;
    a = await createConnection(db, 9301, "A AB");
    b = await createConnection(db, 9302, "B AB");
  }, 300_000);
  afterAll(async () => t?.dispose());

  it("a viewer may read but not write, with a typed 403; members write; only admins pass an admin check", async () => {
    request.ids = await person("viewer", a);
    await expect(requireCompany(a)).resolves.toMatchObject({ company: { role: "viewer" } });
    const refused = await requireCompany(a, { write: true }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ReadOnlyError);
    expect(refused).toMatchObject({ code: "forbidden", status: 403, reason: "read_only" });
    request.ids = await person("member", a);
    await expect(requireCompany(a, { write: true })).resolves.toMatchObject({ company: { role: "member" } });
    await expect(requireCompany(a, "admin")).rejects.toMatchObject({ code: "forbidden" });
    await expect(requireCompany(b)).rejects.toMatchObject({ code: "not_found" });
  });

  it("a revoked, expired or someone else's session is no session", async () => {
    const p = await person("admin", a);
    request.ids = p;
    expect((await getViewer())?.user.id).toBe(p.userId);
    const other = await person("member", a);
    request.ids = { userId: other.userId, sessionId: p.sessionId };
    expect(await getViewer()).toBeNull();
    request.ids = { userId: p.userId, sessionId: "not-a-uuid" };
    expect(await getViewer()).toBeNull();
    request.ids = p;
    await revokeSession(db, p.sessionId, "sign_out");
    expect(await getViewer()).toBeNull();
    await expect(requireCompany(a)).rejects.toMatchObject({ code: "unauthenticated", status: 401 });
    const q = await person("admin", a);
    await db.update(sessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(sessions.id, q.sessionId));
    request.ids = q;
    expect(await getViewer()).toBeNull();
  });

  it("reads the session and every company of the user in one go, as listUserCompanies lists them", async () => {
    // Names out of insertion order, and a company whose tenant has no connection yet.
    const z = await createConnection(db, 9304, "Ö Sista AB");
    const [bare] = await db.insert(tenants).values({ fortnoxTenantId: 9305, organisationNumber: "556600-0001", name: "Ingen anslutning AB" }).returning();
    const p = await person("member", z, b, a);
    await db.insert(memberships).values({ userId: p.userId, tenantId: bare!.id, role: "admin" });
    request.ids = p;
    const viewer = await getViewer();
    expect(viewer?.companies.map((c) => c.name)).toEqual(["A AB", "B AB", "Ö Sista AB"]);
    expect(viewer?.companies).toEqual(await listUserCompanies(db, p.userId));
    expect(viewer?.companies[1]).toMatchObject({ connectionId: b, role: "member", fortnoxTenantId: 9302, environment: expect.any(String) as string, scopes: [] });
    // Someone with no company at all is still signed in, with nothing to work on.
    const loner = await person("member");
    request.ids = loner;
    expect(await getViewer()).toMatchObject({ user: { id: loner.userId }, companies: [], active: null });
  });

  it("an active session slides: its expiry moves forward when it is used after a while", async () => {
    const p = await person("member", a);
    const old = new Date(Date.now() - 10 * 60_000);
    await db.update(sessions).set({ lastSeenAt: old, expiresAt: new Date(old.getTime() + SESSION_TTL_MS) }).where(eq(sessions.id, p.sessionId));
    request.ids = p;
    expect(await getViewer()).not.toBeNull();
    const [row] = await db.select().from(sessions).where(eq(sessions.id, p.sessionId));
    expect(row!.expiresAt.getTime()).toBeGreaterThan(old.getTime() + SESSION_TTL_MS + 5 * 60_000);
  });

  it("disconnecting a company ends the sessions of those for whom it was the only company", async () => {
    const c = await createConnection(db, 9303, "C AB");
    const onlyC = await person("admin", c);
    const both = await person("member", c, a);
    await db.update(connections).set({ status: "disconnected" }).where(eq(connections.id, c));
    expect(await endSessionsAfterDisconnect(db, c)).toEqual([onlyC.userId]);
    request.ids = onlyC;
    expect(await getViewer()).toBeNull();
    request.ids = both;
    expect((await getViewer())?.companies.map((x) => x.connectionId)).toEqual([a]);
  });
});
