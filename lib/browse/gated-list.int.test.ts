import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import { createSession, revokeSession, sessionMayRead } from "@/lib/auth/server-sessions";
import type { Database } from "@/lib/db/client";
import { connections, memberships, sessions, users } from "@/lib/db/schema";
import { createConnection, seedArticles, seedCustomers, seedInvoices, TODAY } from "@/lib/testing/browse-records";
import { testDatabases, type TestDatabase } from "@/lib/testing/databases";
import { executedPlan, firstStatement, statementsSent, type Statement } from "@/lib/testing/plans";

import { browseEndpoints } from "./resources";

/*
 * A list view is read in one statement that carries the guard's conditions (lib/browse/route-handlers.ts).
 * These tests hold that statement to the guard: the same rows for a member, no rows for every case
 * the guard refuses, and no row of the company even looked at when refused. The route itself runs
 * with only the request (the cookie's decoded ids) standing in.
 */
const request = vi.hoisted((): { db: unknown; ids: { userId: string; sessionId: string } | null } => ({ db: null, ids: null }));
vi.mock("@/lib/auth/session", () => ({ readSession: () => Promise.resolve(request.ids ? { ...request.ids, connectionId: "" } : null) }));
vi.mock("next/headers", () => ({ cookies: () => Promise.resolve({ get: () => undefined }) }));
vi.mock("next/navigation", () => ({ redirect: vi.fn() }));
vi.mock("react", async (original) => ({ ...(await original<object>()), cache: <T>(fn: T) => fn }));
vi.mock("@/lib/db/client", async (original) => ({ ...(await original<object>()), getDb: () => Promise.resolve(request.db) }));

const invoicesRoute = await import("@/app/api/connections/[connectionId]/invoices/route");

type Ids = { userId: string; sessionId: string };
const LISTS = [
  ["invoices", {}],
  ["invoices", { q: "norrsken" }],
  ["invoices", { status: "unpaid", size: "10" }],
  ["customers", { sort: "name" }],
  ["articles", { q: "A" }],
] as const;

describe.each(testDatabases())("lists read under the guard's conditions on $name", (factory) => {
  let t: TestDatabase;
  let db: Database;
  let a: string;
  let b: string;
  let member: Ids;
  let other: Ids;

  async function person(email: string, connectionId: string): Promise<Ids> {
    const [u] = await db.insert(users).values({ email, name: email }).returning();
    const [c] = await db.select().from(connections).where(eq(connections.id, connectionId));
    await db.insert(memberships).values({ userId: u!.id, tenantId: c!.tenantId, role: "viewer" });
    return { userId: u!.id, sessionId: await createSession(db, u!.id) };
  }
  const gated = (resource: (typeof LISTS)[number][0], ids: Ids, connectionId: string, params: Record<string, string> = {}) =>
    browseEndpoints[resource].list({ db, connectionId, today: TODAY, gate: sessionMayRead(ids, connectionId)! }, new URLSearchParams(params));

  beforeAll(async () => {
    t = await factory.create();
    db = t.handle.db;
    request.db = db;
    a = await createConnection(db, 9501, "A AB");
    b = await createConnection(db, 9502, "B AB");
    for (const c of [a, b]) {
      await seedInvoices(db, c, 40, "A");
      await seedCustomers(db, c, 20, "A");
      await seedArticles(db, c, 20, "A");
    }
    member = await person("member@a.se", a);
    other = await person("other@b.se", b);
  });
  afterAll(async () => t?.dispose());
  beforeEach(() => {
    request.ids = null;
  });

  it.each(LISTS)("a member reads %s %o exactly as the guarded list gives it", async (resource, params) => {
    const guarded = await browseEndpoints[resource].list({ db, connectionId: a, today: TODAY }, new URLSearchParams(params));
    expect(guarded.rows.length).toBeGreaterThan(0);
    expect(await gated(resource, member, a, params)).toEqual(guarded);
  });

  it("every session the guard refuses reads no rows", async () => {
    const refused = async (ids: Ids, connectionId = a) => {
      for (const [resource, params] of LISTS) expect((await gated(resource, ids, connectionId, params)).rows, `${resource} ${JSON.stringify(params)}`).toEqual([]);
    };
    await refused(other); // another company's member
    await refused({ userId: other.userId, sessionId: member.sessionId }); // someone else's session row
    await refused(member, b);

    const expired = await person("expired@a.se", a);
    await db.update(sessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(sessions.id, expired.sessionId));
    await refused(expired);

    const signedOut = await person("signed-out@a.se", a);
    await revokeSession(db, signedOut.sessionId, "sign_out");
    await refused(signedOut);

    const removed = await person("removed@a.se", a);
    await db.delete(memberships).where(eq(memberships.userId, removed.userId));
    await refused(removed);

    // Due for its sliding-expiry write: the guard's way must run (it touches the row).
    const idle = await person("idle@a.se", a);
    await db.update(sessions).set({ lastSeenAt: new Date(Date.now() - 6 * 60_000) }).where(eq(sessions.id, idle.sessionId));
    await refused(idle);

    await db.update(connections).set({ status: "disconnected" }).where(eq(connections.id, a));
    try {
      await refused(member);
    } finally {
      await db.update(connections).set({ status: "active" }).where(eq(connections.id, a));
    }
    // Past a cursor, a refused page is not counted on its own either: one statement, no rows.
    const first = await gated("invoices", member, a, { size: "10" });
    let past: Awaited<ReturnType<typeof gated>> | undefined;
    expect(await statementsSent(t.handle, async () => (past = await gated("invoices", other, a, { size: "10", after: first.next! })))).toBe(1);
    expect(past!.rows).toEqual([]);
    // The control: the same member reads again once the connection is back.
    expect((await gated("invoices", member, a)).rows.length).toBeGreaterThan(0);
  });

  it("ids that cannot name a session give no gate at all", () => {
    expect(sessionMayRead({ userId: "x", sessionId: member.sessionId }, a)).toBeNull();
    expect(sessionMayRead(member, "1 or 1=1")).toBeNull();
  });

  /**
   * The executed plan of `statement`: its scans of `table` itself. A subquery or WITH query named
   * like the table (the page chosen below its JSON, json-rows.ts) reads no table rows of its own.
   */
  const scansOf = async (statement: Statement, table: string) =>
    (await executedPlan(t.handle, statement)).filter((line) => new RegExp(`\\bon ${table}\\b`).test(line) && !/\b(Subquery|CTE) Scan\b/.test(line));

  it.each([
    ["invoices", "invoices", {}],
    ["invoices (a search: its rows gathered first)", "invoices", { q: "norrsken" }],
    ["customers", "customers", {}],
  ] as const)("refused, the statement for %s never scans the table", async (_name, table, params) => {
    const refusedStatement = await firstStatement(t.handle, () => gated(table, other, a, params));
    const refusedScans = await scansOf(refusedStatement, table);
    expect(refusedScans.length).toBeGreaterThan(0);
    for (const line of refusedScans) expect(line).toContain("never executed");
    // The same statement for the member does scan: the assertion above can fail.
    const allowed = await scansOf(await firstStatement(t.handle, () => gated(table, member, a, params)), table);
    expect(allowed.some((line) => !line.includes("never executed"))).toBe(true);
  });

  describe("the JSON route", () => {
    const get = (connectionId: string, search = "") => invoicesRoute.GET(new Request(`http://x/api/connections/${connectionId}/invoices?${search}`), { params: Promise.resolve({ connectionId }) });

    it("answers a member's view with one statement, and the guard's statuses otherwise", async () => {
      request.ids = member;
      let response: Response | undefined;
      expect(await statementsSent(t.handle, async () => (response = await get(a, "size=10")))).toBe(1);
      expect(response!.status).toBe(200);
      const body = (await response!.json()) as { data: { rows: unknown[]; count: { total: number } } };
      expect(body.data.rows).toHaveLength(10);
      expect(body.data.count.total).toBe((await browseEndpoints.invoices.list({ db, connectionId: a, today: TODAY }, new URLSearchParams())).count.total);

      expect((await get(b)).status).toBe(404);
      expect((await get("not-a-uuid")).status).toBe(404);
      request.ids = other;
      expect((await get(a)).status).toBe(404);
      request.ids = null;
      expect((await get(a)).status).toBe(401);
    });

    it("an empty search is confirmed by the guard, and a session due for its touch is touched", async () => {
      request.ids = member;
      const empty = await get(a, "q=no+such+invoice");
      expect(empty.status).toBe(200);
      expect(((await empty.json()) as { data: { rows: unknown[] } }).data.rows).toEqual([]);

      const idle = await person("idle-route@a.se", a);
      const longAgo = new Date(Date.now() - 6 * 60_000);
      await db.update(sessions).set({ lastSeenAt: longAgo }).where(eq(sessions.id, idle.sessionId));
      request.ids = idle;
      expect((await get(a)).status).toBe(200);
      const [row] = await db.select({ seen: sessions.lastSeenAt }).from(sessions).where(eq(sessions.id, idle.sessionId));
      expect(row!.seen.getTime()).toBeGreaterThan(longAgo.getTime());
      // Touched, the next view takes the one-statement way again.
      expect(await statementsSent(t.handle, () => get(a))).toBe(1);
    });
  });
});
