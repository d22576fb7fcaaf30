import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import { createSession } from "@/lib/auth/server-sessions";
import type { Database } from "@/lib/db/client";
import { auditEvents, memberships, users } from "@/lib/db/schema";
import { FortnoxError } from "@/lib/fortnox/errors";
import { addPerson, form, sessionIds } from "@/lib/testing/actions";
import { createConnection } from "@/lib/testing/browse-records";
import { testDatabases, type TestDatabase } from "@/lib/testing/databases";

/*
 * Audit completion through the real wrapper, guard and sessions: write-backs and settings changes
 * land in the log from one place (the wrapper's Fortnox API), and the CSV export streams it with
 * the page's filters, refuses bad ones before the first byte, and never crosses tenants.
 * Stand-ins: the request, Next's cache and navigation, and Fortnox (answering with a refusal).
 */

const current = vi.hoisted((): { db: unknown; userId: string | null; fortnox: unknown } => ({ db: null, userId: null, fortnox: null }));
vi.mock("@/lib/auth/session", async () => {
  const { sessionFor } = await import("@/lib/testing/actions");
  return { readSession: () => Promise.resolve(sessionFor(current.userId)) };
});
vi.mock("next/headers", () => ({ cookies: () => Promise.resolve({ get: () => undefined, set: vi.fn(), delete: vi.fn() }), headers: () => Promise.resolve(new Headers()) }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next/navigation", () => ({ redirect: vi.fn(), notFound: () => { throw new Error("NEXT_NOT_FOUND"); } }));
vi.mock("react", async (original) => ({ ...(await original<object>()), cache: <T>(fn: T) => fn }));
vi.mock("@/lib/i18n/server", async () => {
  const { dictionaries } = await import("@/lib/i18n/dictionaries");
  const t = (key: keyof typeof dictionaries.en, vars: Record<string, string> = {}) => dictionaries.en[key].replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? `{${k}}`);
  return { getLocale: () => Promise.resolve("en"), getTranslator: () => Promise.resolve({ locale: "en", t }) };
});
vi.mock("@/lib/fortnox/api", () => ({ getFortnoxApi: () => Promise.resolve(current.fortnox), getInteractiveFortnoxApi: () => Promise.resolve(current.fortnox) }));
vi.mock("@/lib/db/client", async (original) => ({ ...(await original<object>()), getDb: () => Promise.resolve(current.db) }));

const { createCustomerAction } = await import("@/lib/actions/customers");
const { createArticleAction } = await import("@/lib/actions/articles");
const { saveSyncSettingsAction } = await import("@/lib/actions/sync");
const { auditExportRoute } = await import("./audit-route");

const refusing = (e: FortnoxError) => ({ post: () => Promise.reject(e), put: () => Promise.reject(e), get: () => Promise.reject(e) });
const exportCsv = (connectionId: string, query = "") =>
  auditExportRoute(new Request(`http://localhost/api/connections/${connectionId}/audit${query}`), { params: Promise.resolve({ connectionId }) });
const lines = (csv: string) => csv.replace(/^\uFEFF/, "").split("\r\n").filter(Boolean);

describe.each(testDatabases())("audit completion and export on $name", (factory) => {
  let t: TestDatabase;
  let db: Database;
  let a: string;
  let b: string;
  let tenantA: string;
  let tenantB: string;
  let adminA: string;
  let adminB: string;
  let member: string;
  const events = (tenantId: string, type: string) => db.select().from(auditEvents).where(and(eq(auditEvents.tenantId, tenantId), eq(auditEvents.type, type)));

  beforeAll(async () => {
    t = await factory.create();
    db = t.handle.db;
    current.db = db;
    a = await createConnection(db, 9701, "A AB");
    b = await createConnection(db, 9702, "B AB");
    const tenantOf = async (id: string) => (await db.query.connections.findFirst({ where: (c, { eq: is }) => is(c.id, id) }))!.tenantId;
    [tenantA, tenantB] = [await tenantOf(a), await tenantOf(b)];
    // An administrator whose name a spreadsheet would run as a formula.
    const [u] = await db.insert(users).values({ email: "@evil.se", name: '=HYPERLINK("http://x.se","klick")' }).returning();
    adminA = u!.id;
    await db.insert(memberships).values({ userId: adminA, tenantId: tenantA, role: "admin" });
    sessionIds.set(adminA, await createSession(db, adminA));
    adminB = await addPerson(db, "admin@b.se", b, "admin");
    member = await addPerson(db, "member@a.se", a, "member");
  }, 300_000);
  afterAll(async () => t?.dispose());
  beforeEach(() => (current.userId = adminA));

  it("records every write-back in one place with who, record, action and Fortnox's answer (no body, no secret)", async () => {
    current.fortnox = refusing(new FortnoxError(400, 2000637, "Kundnumret används redan", false));
    current.userId = member;
    expect(await createCustomerAction(null, form({ connectionId: a, customerNumber: "K-1", name: "Hemlig Kund AB" }))).toMatchObject({ ok: false });
    current.fortnox = refusing(new FortnoxError(503, undefined, "Service Unavailable", true));
    expect(await createArticleAction(null, form({ connectionId: a, description: "Kaffe" }))).toMatchObject({ ok: false });
    const written = await events(tenantA, "fortnox.write");
    expect(written).toHaveLength(2);
    expect(written.map((e) => [e.userId, e.detail])).toEqual(
      expect.arrayContaining([
        [member, { method: "POST", resource: "customers", record: null, action: "create", ok: false, status: 400, fortnoxCode: 2000637, message: "Kundnumret används redan" }],
        [member, { method: "POST", resource: "articles", record: null, action: "create", ok: false, status: 503, fortnoxCode: null, message: "Service Unavailable" }],
      ]),
    );
    expect(JSON.stringify(written)).not.toContain("Hemlig Kund");
    expect(await events(tenantB, "fortnox.write")).toEqual([]);
  });

  it("records a sync-settings change with each changed field, and nothing for an unchanged save", async () => {
    const post = () => saveSyncSettingsAction(null, form([["connectionId", a], ["resources.0", "customers"], ["intervalMinutes", "30"], ["reconcileIntervalHours", "24"], ["realtime", "on"]]));
    expect(await post()).toEqual({ ok: true, data: { saved: true } });
    expect(await post()).toEqual({ ok: true, data: { saved: true } });
    const changed = await events(tenantA, "settings.changed");
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatchObject({
      userId: adminA,
      detail: { section: "sync", changes: { resources: { from: ["customers", "articles", "invoices"], to: ["customers"] }, intervalMinutes: { from: 60, to: 30 } } },
    });
  });

  it("exports the filtered log as CSV through every keyset batch, formula cells neutralised", async () => {
    await db.insert(auditEvents).values(Array.from({ length: 1203 }, (_, i) => ({ tenantId: tenantA, userId: i % 2 ? adminA : null, type: "connection.keepalive", createdAt: new Date(Date.UTC(2026, 0, 1 + (i % 28), 3, 0, i % 60)) })));
    await db.insert(auditEvents).values({ tenantId: tenantB, userId: adminB, type: "connection.keepalive", createdAt: new Date(Date.UTC(2026, 0, 5)) });
    const res = await exportCsv(a);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="audit-\d{4}-\d{2}-\d{2}\.csv"$/);
    const all = lines(await res.text());
    const total = await db.$count(auditEvents, eq(auditEvents.tenantId, tenantA));
    expect(all[0]).toBe("Time (UTC);Event;Event code;Who;Email;Details");
    expect(all).toHaveLength(total + 1);
    expect(all.filter((l) => l.includes("HYPERLINK")).length).toBeGreaterThan(500);
    expect(all.filter((l) => l.includes("HYPERLINK")).every((l) => l.includes(`;"'=HYPERLINK(""http://x.se"",""klick"")";'@evil.se;`))).toBe(true);
    expect(all.some((l) => l.includes("admin@b.se"))).toBe(false);

    const filtered = lines(await (await exportCsv(a, `?type=connection.keepalive&actor=${adminA}&from=2026-01-02&to=2026-01-03`)).text()).slice(1);
    const expected = (await db.select().from(auditEvents).where(and(eq(auditEvents.tenantId, tenantA), eq(auditEvents.userId, adminA), eq(auditEvents.type, "connection.keepalive")))).filter(
      (e) => e.createdAt >= new Date("2026-01-02T00:00:00Z") && e.createdAt < new Date("2026-01-04T00:00:00Z"),
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(filtered).toHaveLength(expected.length);
    expect(filtered.every((l) => l.includes(";connection.keepalive;") && /^2026-01-0[23]T/.test(l))).toBe(true);
  }, 120_000);

  it("refuses hostile filters before the first byte, naming each; members and other tenants get 404", async () => {
    const bad = await exportCsv(a, `?type=x%27%3B+drop+table+audit_events&actor=nope&from=2026-02-30&evil=%3D1&to=2026-01-01&to=2026-01-02`);
    expect(bad.status).toBe(422);
    expect(bad.headers.get("content-type")).toMatch(/^application\/json/);
    const body = (await bad.json()) as { error: { code: string; message: string; fields: Record<string, string[]> } };
    expect(body.error.code).toBe("invalid_input");
    expect(body.error.message).toBe("The export has invalid filters: evil, to, type, actor, from.");
    expect(Object.keys(body.error.fields).sort()).toEqual(["actor", "evil", "from", "to", "type"]);
    // A cursor is the page's, not the export's.
    expect((await exportCsv(a, "?after=abc")).status).toBe(422);

    current.userId = member;
    expect((await exportCsv(a)).status).toBe(404);
    current.userId = adminB;
    expect((await exportCsv(a)).status).toBe(404);
    expect((await exportCsv("not-a-uuid")).status).toBe(404);
    const own = lines(await (await exportCsv(b)).text());
    expect(own).toHaveLength((await db.$count(auditEvents, eq(auditEvents.tenantId, tenantB))) + 1);
    current.userId = null;
    expect((await exportCsv(a)).status).toBe(401);
  });
});
