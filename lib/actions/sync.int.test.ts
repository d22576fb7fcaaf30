import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import { createSession } from "@/lib/auth/server-sessions";
import type { Database } from "@/lib/db/client";
import { memberships, users } from "@/lib/db/schema";
import { QUEUES } from "@/lib/jobs/queues";
import { en as connectEn } from "@/lib/i18n/messages/connect";
import { en } from "@/lib/i18n/messages/sync";
import { getSyncSettings } from "@/lib/sync/settings";
import { createConnection } from "@/lib/testing/browse-records";
import { testDatabases, type TestDatabase } from "@/lib/testing/databases";

/*
 * The sync actions and the status route through the real guards and queries: only the request
 * (session, cookies), the job queue and the database handle are stand-ins.
 */

const current = vi.hoisted((): { db: unknown; userId: string | null; sessions: Record<string, string> } => ({ db: null, userId: null, sessions: {} }));
const boss = vi.hoisted(() => ({ send: vi.fn() }));
const cache = vi.hoisted(() => ({ revalidatePath: vi.fn() }));
vi.mock("@/lib/auth/session", () => ({
  readSession: () => Promise.resolve(current.userId ? { userId: current.userId, connectionId: "", sessionId: current.sessions[current.userId] ?? "" } : null),
}));
vi.mock("next/headers", () => ({ cookies: () => Promise.resolve({ get: () => undefined }), headers: () => Promise.resolve(new Headers()) }));
vi.mock("next/cache", () => cache);
vi.mock("next/navigation", () => ({ redirect: vi.fn() }));
vi.mock("@/lib/i18n/server", () => ({ getLocale: () => Promise.resolve("en") }));
vi.mock("@/lib/jobs/boss", () => ({ getBoss: () => boss }));
vi.mock("@/lib/fortnox/api", () => ({ getFortnoxApi: () => Promise.resolve({}) }));
vi.mock("@/lib/db/client", async (original) => ({ ...(await original<object>()), getDb: () => Promise.resolve(current.db) }));

const { saveSyncSettingsAction, syncNowAction } = await import("./sync");
const { GET } = await import("@/app/api/connections/[connectionId]/sync/route");

const form = (entries: [string, string][]) => {
  const fd = new FormData();
  for (const [k, v] of entries) fd.append(k, v);
  return fd;
};
const goodSettings = (connectionId: string): [string, string][] => [
  ["connectionId", connectionId],
  ["resources.0", "customers"],
  ["resources.2", "invoices"],
  ["intervalMinutes", "30"],
  ["reconcileIntervalHours", "72"],
  ["realtime", "on"],
];

describe.each(testDatabases())("sync actions and route on $name", (factory) => {
  let t: TestDatabase;
  let db: Database;
  let a: string;
  let b: string;
  const people = { admin: "", member: "", viewer: "", outsider: "" };

  async function person(email: string, connectionTenant: string, role: "admin" | "member" | "viewer") {
    const [u] = await db.insert(users).values({ email, name: email }).returning();
    await db.insert(memberships).values({ userId: u!.id, tenantId: connectionTenant, role });
    current.sessions[u!.id] = await createSession(db, u!.id);
    return u!.id;
  }

  beforeAll(async () => {
    t = await factory.create();
    db = t.handle.db;
    current.db = db;
    a = await createConnection(db, 9201, "A AB");
    b = await createConnection(db, 9202, "B AB");
    const tenantOf = async (connectionId: string) => (await db.query.connections.findFirst({ where: (c, { eq }) => eq(c.id, connectionId) }))!.tenantId;
    people.admin = await person("admin@a.se", await tenantOf(a), "admin");
    people.member = await person("member@a.se", await tenantOf(a), "member");
    people.viewer = await person("viewer@a.se", await tenantOf(a), "viewer");
    people.outsider = await person("admin@b.se", await tenantOf(b), "admin");
  });
  afterAll(async () => t?.dispose());
  beforeEach(() => {
    vi.clearAllMocks();
    current.userId = null;
  });

  const status = (connectionId: string) => GET(new Request(`http://x/api/connections/${connectionId}/sync`), { params: Promise.resolve({ connectionId }) });

  it("refuses a signed-out viewer (401) and another company's viewer (404, as if unknown)", async () => {
    expect(await saveSyncSettingsAction(null, form(goodSettings(a)))).toMatchObject({ ok: false, code: "unauthenticated" });
    expect(await syncNowAction(null, form([["connectionId", a]]))).toMatchObject({ ok: false, code: "unauthenticated" });
    expect((await status(a)).status).toBe(401);
    current.userId = people.outsider;
    expect(await saveSyncSettingsAction(null, form(goodSettings(a)))).toMatchObject({ ok: false, code: "not_found" });
    expect(await syncNowAction(null, form([["connectionId", a]]))).toMatchObject({ ok: false, code: "not_found" });
    const res = await status(a);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: "not_found" } });
    expect(boss.send).not.toHaveBeenCalled();
    expect((await getSyncSettings(db, a)).updatedAt).toBeNull();
  });

  it("refuses a member's settings change, whatever the form; a member may still sync now", async () => {
    current.userId = people.member;
    expect(await saveSyncSettingsAction(null, form(goodSettings(a)))).toEqual({ ok: false, code: "forbidden", message: en["sync.settings.forbidden"] });
    expect((await getSyncSettings(db, a)).updatedAt).toBeNull();
    expect(cache.revalidatePath).not.toHaveBeenCalled();

    // The company has never synced, so "Sync now" starts a full sync (a first run is always full).
    const first = await syncNowAction(null, form([["connectionId", a]]));
    expect(first).toMatchObject({ ok: true, data: { created: true } });
    expect(boss.send).toHaveBeenCalledWith(QUEUES.syncRun, { connectionId: a }, expect.objectContaining({ singletonKey: a }));
    const again = await syncNowAction(null, form([["connectionId", a]]));
    expect(again).toMatchObject({ ok: true, data: { created: false, runId: first.ok ? first.data.runId : "" } });

    const res = await status(a);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: { openRun: { id: string; trigger: string; kind: string } | null } };
    expect(body.data.openRun).toMatchObject({ id: first.ok ? first.data.runId : "", trigger: "manual", kind: "full" });
    expect(JSON.stringify(body)).not.toMatch(/token|checkpoint/i);
  });

  it("tells a viewer their writes are refused because they may only read", async () => {
    current.userId = people.viewer;
    expect(await syncNowAction(null, form([["connectionId", a]]))).toEqual({ ok: false, code: "forbidden", message: connectEn["portal.readOnly"] });
    expect(boss.send).not.toHaveBeenCalled();
  });

  it("lets an admin save: every field error at once, then the settings", async () => {
    current.userId = people.admin;
    const bad = await saveSyncSettingsAction(null, form([["connectionId", a], ["intervalMinutes", "7"], ["reconcileIntervalHours", ""]]));
    expect(bad).toMatchObject({
      ok: false,
      code: "invalid_input",
      fields: { resources: [en["sync.settings.error.resources"]], intervalMinutes: [en["sync.settings.error.intervalMinutes"]], reconcileIntervalHours: [en["sync.settings.error.reconcileIntervalHours"]] },
    });
    expect(await saveSyncSettingsAction(null, form(goodSettings(a)))).toEqual({ ok: true, data: { saved: true } });
    expect(await getSyncSettings(db, a)).toMatchObject({ resources: ["customers", "invoices"], intervalMinutes: 30, realtime: true, reconcileIntervalHours: 72, paused: false });
    expect(cache.revalidatePath).toHaveBeenCalledWith("/sync");
    // The admin of A is nobody in B.
    expect(await saveSyncSettingsAction(null, form(goodSettings(b)))).toMatchObject({ ok: false, code: "not_found" });
  });
});
