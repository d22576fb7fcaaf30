import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import { createSession } from "@/lib/auth/server-sessions";
import type { Database } from "@/lib/db/client";
import { connections, memberships, syncRuns, users } from "@/lib/db/schema";
import { en } from "@/lib/i18n/messages/runs";
import { QUEUES } from "@/lib/jobs/queues";
import { claimRun, finishRun } from "@/lib/sync/claim";
import { emptyCounts, queueRun } from "@/lib/sync/runs";
import { createConnection } from "@/lib/testing/browse-records";
import { testDatabases, type TestDatabase } from "@/lib/testing/databases";
import { NASTY } from "@/lib/testing/hostile";

/*
 * Cancel and retry through the real guard (defineAction → requireCompany) and queries: only the
 * request (session, cookies), the job queue and the database handle are stand-ins.
 */

const current = vi.hoisted((): { db: unknown; userId: string | null; sessions: Record<string, string> } => ({ db: null, userId: null, sessions: {} }));
const boss = vi.hoisted(() => ({ send: vi.fn() }));
const nav = vi.hoisted(() => ({ redirect: vi.fn() }));
vi.mock("@/lib/auth/session", () => ({
  readSession: () => Promise.resolve(current.userId ? { userId: current.userId, connectionId: "", sessionId: current.sessions[current.userId] ?? "" } : null),
}));
vi.mock("next/headers", () => ({ cookies: () => Promise.resolve({ get: () => undefined }), headers: () => Promise.resolve(new Headers()) }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next/navigation", () => nav);
vi.mock("@/lib/i18n/server", () => ({ getLocale: () => Promise.resolve("en") }));
vi.mock("@/lib/jobs/boss", () => ({ getBoss: () => boss }));
vi.mock("@/lib/fortnox/api", () => ({ getFortnoxApi: () => Promise.resolve({}), getInteractiveFortnoxApi: () => Promise.resolve({}) }));
vi.mock("@/lib/db/client", async (original) => ({ ...(await original<object>()), getDb: () => Promise.resolve(current.db) }));

const { cancelRunAction, retryRunAction } = await import("./sync-runs");

const form = (connectionId: string, runId: string) => {
  const fd = new FormData();
  fd.append("connectionId", connectionId);
  fd.append("runId", runId);
  return fd;
};
const progress = { counts: { customers: emptyCounts() }, checkpoint: null, requests: 3, rateLimited: 1, retries: 1 };

describe.each(testDatabases())("run cancel and retry actions on $name", (factory) => {
  let t: TestDatabase;
  let db: Database;
  let a: string;
  let b: string;
  const people = { admin: "", member: "", viewer: "", outsider: "" };

  async function person(email: string, connectionId: string, role: "admin" | "member" | "viewer") {
    const [c] = await db.select({ tenantId: connections.tenantId }).from(connections).where(eq(connections.id, connectionId));
    const [u] = await db.insert(users).values({ email, name: email }).returning();
    await db.insert(memberships).values({ userId: u!.id, tenantId: c!.tenantId, role });
    current.sessions[u!.id] = await createSession(db, u!.id);
    return u!.id;
  }
  async function failedRun(connectionId: string) {
    const { run } = await queueRun(db, connectionId, "incremental", "schedule", ["customers"]);
    const { claim } = (await claimRun(db, connectionId, { owner: "w" }))!;
    await finishRun(db, claim, { status: "failed", errorCode: "fortnox_unavailable", ...progress });
    return run.id;
  }
  const status = async (id: string) => (await db.select({ s: syncRuns.status }).from(syncRuns).where(eq(syncRuns.id, id)))[0]?.s;

  beforeAll(async () => {
    t = await factory.create();
    db = t.handle.db;
    current.db = db;
    a = await createConnection(db, 9501, "A AB");
    b = await createConnection(db, 9502, "B AB");
    people.admin = await person("admin@a.se", a, "admin");
    people.member = await person("member@a.se", a, "member");
    people.viewer = await person("viewer@a.se", a, "viewer");
    people.outsider = await person("admin@b.se", b, "admin");
  });
  afterAll(async () => t?.dispose());
  beforeEach(() => {
    vi.clearAllMocks();
    current.userId = null;
  });

  it("another company's admin can neither cancel nor retry A's runs, whichever company they post", async () => {
    const open = (await queueRun(db, a, "full", "manual", ["customers"])).run.id;
    current.userId = people.outsider;
    for (const action of [cancelRunAction, retryRunAction]) {
      expect(await action(null, form(a, open))).toMatchObject({ ok: false, code: "not_found" });
      // Their own company, A's run id: the run is looked up within B only.
      expect(await action(null, form(b, open))).toMatchObject({ ok: false, code: "not_found", message: en["sync.run.error.notFound"] });
    }
    expect(await status(open)).toBe("queued");
    expect(boss.send).not.toHaveBeenCalled();

    // A's own admin cancels it.
    current.userId = people.admin;
    expect(await cancelRunAction(null, form(a, open))).toEqual({ ok: true, data: { runId: open } });
    expect(await status(open)).toBe("cancelled");
    expect(await cancelRunAction(null, form(a, open))).toMatchObject({ ok: false, code: "conflict", message: en["sync.run.error.notOpen"] });
  });

  it("members and viewers are refused with the run page's own words; signed out is 401", async () => {
    const failed = await failedRun(a);
    expect(await retryRunAction(null, form(a, failed))).toMatchObject({ ok: false, code: "unauthenticated" });
    for (const who of [people.member, people.viewer]) {
      current.userId = who;
      expect(await retryRunAction(null, form(a, failed))).toMatchObject({ ok: false, code: "forbidden" });
      expect(await cancelRunAction(null, form(a, failed))).toMatchObject({ ok: false, code: "forbidden" });
    }
    current.userId = people.member;
    expect(await retryRunAction(null, form(a, failed))).toEqual({ ok: false, code: "forbidden", message: en["sync.run.error.forbidden"] });
    expect(boss.send).not.toHaveBeenCalled();
  });

  it("an admin retries a failed run: a new run, a woken worker, and the new run's page", async () => {
    const failed = await failedRun(a);
    current.userId = people.admin;
    const result = await retryRunAction(null, form(a, failed));
    expect(result).toMatchObject({ ok: true, data: { retryOf: failed } });
    const newId = result.ok ? result.data.runId : "";
    expect(await status(newId)).toBe("queued");
    expect(boss.send).toHaveBeenCalledWith(QUEUES.syncRun, { connectionId: a }, { singletonKey: a });
    expect(nav.redirect).toHaveBeenCalledWith(`/sync/runs/${newId}`);
  });

  it("hostile run ids are a translated not-found, never a database error", async () => {
    current.userId = people.admin;
    for (const runId of NASTY) {
      for (const action of [cancelRunAction, retryRunAction]) {
        const r = await action(null, form(a, runId));
        expect(r).toMatchObject({ ok: false, code: "invalid_input" });
        expect(r.ok ? [] : r.fields?.runId).toEqual([en["sync.run.error.notFound"]]);
      }
    }
  });
});
