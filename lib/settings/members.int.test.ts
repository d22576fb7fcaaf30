import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import type { Database } from "@/lib/db/client";
import { auditEvents, memberships } from "@/lib/db/schema";
import { dictionaries } from "@/lib/i18n/dictionaries";
import { addPerson, form, sessionIds } from "@/lib/testing/actions";
import { createConnection } from "@/lib/testing/browse-records";
import { testDatabases, type TestDatabase } from "@/lib/testing/databases";

/*
 * The members actions through the real action wrapper, the real guard and real sessions: only the
 * request (whose session cookie), Next's cache and navigation are stand-ins.
 */

const current = vi.hoisted((): { db: unknown; userId: string | null } => ({ db: null, userId: null }));
vi.mock("@/lib/auth/session", async () => {
  const { sessionFor } = await import("@/lib/testing/actions");
  return { readSession: () => Promise.resolve(sessionFor(current.userId)) };
});
vi.mock("next/headers", () => ({ cookies: () => Promise.resolve({ get: () => undefined, set: vi.fn(), delete: vi.fn() }), headers: () => Promise.resolve(new Headers()) }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next/navigation", () => ({ redirect: vi.fn(), notFound: () => { throw new Error("NEXT_NOT_FOUND"); } }));
vi.mock("react", async (original) => ({ ...(await original<object>()), cache: <T>(fn: T) => fn }));
vi.mock("@/lib/i18n/server", () => ({ getLocale: () => Promise.resolve("en") }));
vi.mock("@/lib/db/client", async (original) => ({ ...(await original<object>()), getDb: () => Promise.resolve(current.db) }));

const { changeMemberRoleAction, removeMemberAction } = await import("@/lib/actions/members");
const { getViewer, requireCompany } = await import("@/lib/auth/guards");
const { changeMemberRole, listMembers, removeMember } = await import("./members");
const en = dictionaries.en;

describe.each(testDatabases())("company members through the real guard on $name", (factory) => {
  let t: TestDatabase;
  let db: Database;
  let a: string;
  let b: string;
  let tenantA: string;
  let n = 0;
  const person = (conn: string, role: "admin" | "member" | "viewer") => addPerson(db, `p${++n}-${role}@x.se`, conn, role);
  const membershipOf = async (userId: string, tenantId = tenantA) => {
    const [m] = await db.select().from(memberships).where(and(eq(memberships.userId, userId), eq(memberships.tenantId, tenantId)));
    return m;
  };
  const as = (userId: string) => (current.userId = userId);

  beforeAll(async () => {
    t = await factory.create();
    db = t.handle.db;
    current.db = db;
    a = await createConnection(db, 9401, "A AB");
    b = await createConnection(db, 9402, "B AB");
    tenantA = (await db.query.connections.findFirst({ where: (c, { eq: is }) => is(c.id, a) }))!.tenantId;
  }, 300_000);
  afterAll(async () => t?.dispose());
  beforeEach(() => (current.userId = null));

  it("an admin makes a member a viewer, whose next write is refused as read-only; audited with actor and target", async () => {
    const admin = await person(a, "admin");
    const member = await person(a, "member");
    as(admin);
    const m = (await membershipOf(member))!;
    expect(await changeMemberRoleAction(null, form({ connectionId: a, membershipId: m.id, role: "viewer" }))).toEqual({ ok: true, data: { from: "member", to: "viewer" } });
    as(member);
    await expect(requireCompany(a, { write: true })).rejects.toMatchObject({ reason: "read_only", messageKey: "portal.readOnly" });
    const events = await db.select().from(auditEvents).where(and(eq(auditEvents.tenantId, tenantA), eq(auditEvents.type, "membership.role_changed")));
    expect(events.map((e) => [e.userId, e.detail])).toContainEqual([admin, { targetUserId: member, from: "member", to: "viewer", source: "admin" }]);
  });

  it("refuses a member, a viewer, another tenant's admin and another tenant's membership id; admin cannot be granted", async () => {
    const admin = await person(a, "admin");
    const target = (await membershipOf(await person(a, "member")))!;
    const outsider = await person(b, "admin");
    const theirs = (await db.select().from(memberships).where(eq(memberships.userId, outsider)))[0]!;
    for (const who of [await person(a, "member"), await person(a, "viewer")]) {
      as(who);
      expect(await changeMemberRoleAction(null, form({ connectionId: a, membershipId: target.id, role: "viewer" }))).toEqual({ ok: false, code: "forbidden", message: en["settings.members.forbidden"] });
      expect(await removeMemberAction(null, form({ connectionId: a, membershipId: target.id }))).toMatchObject({ ok: false, code: "forbidden" });
    }
    as(outsider);
    expect(await removeMemberAction(null, form({ connectionId: a, membershipId: target.id }))).toMatchObject({ ok: false, code: "not_found" });
    // Their own company, our membership id: scoped by the company, so not found there either.
    expect(await removeMemberAction(null, form({ connectionId: b, membershipId: target.id }))).toEqual({ ok: false, code: "not_found", message: en["settings.members.error.notFound"] });
    as(admin);
    expect(await removeMemberAction(null, form({ connectionId: a, membershipId: theirs.id }))).toMatchObject({ ok: false, code: "not_found" });
    const granted = await changeMemberRoleAction(null, form({ connectionId: a, membershipId: target.id, role: "admin" }));
    expect(granted).toMatchObject({ ok: false, code: "invalid_input", fields: { role: [en["settings.members.error.role"]] } });
    for (const bad of ["not-a-uuid", "\u0000", "' or 1=1 --"]) {
      expect(await removeMemberAction(null, form({ connectionId: a, membershipId: bad }))).toMatchObject({ ok: false, code: "invalid_input" });
    }
    expect((await membershipOf(target.userId))?.role).toBe("member");
    expect(await membershipOf(outsider, theirs.tenantId)).toBeDefined();
  });

  it("two admins demoting each other at once leave one admin; the last admin can be neither demoted nor removed", async () => {
    const c = await createConnection(db, 9403, "C AB");
    const tenantC = (await db.query.connections.findFirst({ where: (x, { eq: is }) => is(x.id, c) }))!.tenantId;
    const [x, y] = [await person(c, "admin"), await person(c, "admin")];
    const [mx, my] = [(await membershipOf(x, tenantC))!, (await membershipOf(y, tenantC))!];
    // Both pass the guard as admins before either change commits; the transaction decides.
    const results = await Promise.all([
      (as(x), changeMemberRoleAction(null, form({ connectionId: c, membershipId: my.id, role: "member" }))),
      (as(y), changeMemberRoleAction(null, form({ connectionId: c, membershipId: mx.id, role: "member" }))),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    // Refused by the transaction's count, or (when the first commit lands before the second's
    // guard reads the session) by the guard, which then no longer sees an admin.
    const refused = results.find((r) => !r.ok);
    expect([{ ok: false, code: "conflict", message: en["settings.members.error.lastAdmin"] }, { ok: false, code: "forbidden", message: en["settings.members.forbidden"] }]).toContainEqual(refused);
    const admins = (await listMembers(db, tenantC)).filter((m) => m.role === "admin");
    expect(admins).toHaveLength(1);
    const last = admins[0]!;
    as(last.userId);
    expect(await changeMemberRoleAction(null, form({ connectionId: c, membershipId: last.membershipId, role: "viewer" }))).toMatchObject({ ok: false, code: "conflict" });
    expect(await removeMemberAction(null, form({ connectionId: c, membershipId: last.membershipId }))).toMatchObject({ ok: false, code: "conflict" });
    expect((await listMembers(db, tenantC)).filter((m) => m.role === "admin")).toHaveLength(1);
  });

  it("past the guard, concurrent demotions and removals of the only two admins still leave exactly one", async () => {
    for (const mode of ["demote", "remove"] as const) {
      const c = await createConnection(db, mode === "demote" ? 9404 : 9405, `D ${mode}`);
      const tenantId = (await db.query.connections.findFirst({ where: (x, { eq: is }) => is(x.id, c) }))!.tenantId;
      const [x, y] = [await person(c, "admin"), await person(c, "admin")];
      const [mx, my] = [(await membershipOf(x, tenantId))!, (await membershipOf(y, tenantId))!];
      const act = (actor: string, membershipId: string) =>
        mode === "demote" ? changeMemberRole(db, { tenantId, actorUserId: actor, membershipId, role: "viewer" }) : removeMember(db, { tenantId, actorUserId: actor, membershipId });
      const settled = await Promise.allSettled([act(x, my.id), act(y, mx.id)]);
      expect(settled.filter((s) => s.status === "fulfilled")).toHaveLength(1);
      expect(settled.find((s) => s.status === "rejected")).toMatchObject({ reason: { code: "conflict", message: "settings.members.error.lastAdmin" } });
      expect((await listMembers(db, tenantId)).filter((m) => m.role === "admin")).toHaveLength(1);
    }
  });

  it("removal ends the removed person's session at once when it was their only company; audited", async () => {
    const admin = await person(a, "admin");
    const gone = await person(a, "member");
    const both = await person(a, "member");
    await db.insert(memberships).values({ userId: both, tenantId: (await db.query.connections.findFirst({ where: (x, { eq: is }) => is(x.id, b) }))!.tenantId, role: "member" });
    as(gone);
    expect((await getViewer())?.user.id).toBe(gone);
    as(admin);
    expect(await removeMemberAction(null, form({ connectionId: a, membershipId: (await membershipOf(gone))!.id }))).toEqual({ ok: true, data: { removed: true, sessionsEnded: true } });
    expect(await removeMemberAction(null, form({ connectionId: a, membershipId: (await membershipOf(both))!.id }))).toEqual({ ok: true, data: { removed: true, sessionsEnded: false } });
    as(gone);
    expect(await getViewer()).toBeNull();
    await expect(requireCompany(a)).rejects.toMatchObject({ code: "unauthenticated" });
    as(both);
    // Still signed in with the other company; this one is gone from the very next request.
    expect((await getViewer())?.companies.map((co) => co.connectionId)).toEqual([b]);
    await expect(requireCompany(a)).rejects.toMatchObject({ code: "not_found" });
    expect(sessionIds.get(both)).toBeTruthy();
    const removed = await db.select().from(auditEvents).where(and(eq(auditEvents.tenantId, tenantA), eq(auditEvents.type, "membership.removed")));
    expect(removed.map((e) => [e.userId, (e.detail as { targetUserId: string }).targetUserId])).toEqual(expect.arrayContaining([[admin, gone], [admin, both]]));
  });

  it("lists members with role, last seen and Fortnox's last confirmation, admins first", async () => {
    const rows = await listMembers(db, tenantA);
    expect(rows.length).toBeGreaterThan(3);
    expect(rows[0]!.role).toBe("admin");
    expect(rows.every((r) => r.lastSeenAt instanceof Date)).toBe(true);
    expect(rows.every((r) => r.lastCheckedAt === null)).toBe(true);
  });
});
