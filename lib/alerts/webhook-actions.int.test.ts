import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import type { Database } from "@/lib/db/client";
import { alertWebhooks, auditEvents } from "@/lib/db/schema";
import { dictionaries } from "@/lib/i18n/dictionaries";
import { addPerson, form } from "@/lib/testing/actions";
import { createConnection } from "@/lib/testing/browse-records";
import { testKeyRing } from "@/lib/testing/connect";
import { testDatabases, type TestDatabase } from "@/lib/testing/databases";

/* The alert webhook form's actions through the real wrapper, guard and sessions. */

const current = vi.hoisted((): { db: unknown; userId: string | null } => ({ db: null, userId: null }));
vi.mock("@/lib/auth/session", async () => {
  const { sessionFor } = await import("@/lib/testing/actions");
  return { readSession: () => Promise.resolve(sessionFor(current.userId)) };
});
vi.mock("next/headers", () => ({ cookies: () => Promise.resolve({ get: () => undefined }), headers: () => Promise.resolve(new Headers()) }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next/navigation", () => ({ redirect: vi.fn(), notFound: () => { throw new Error("NEXT_NOT_FOUND"); } }));
vi.mock("react", async (original) => ({ ...(await original<object>()), cache: <T>(fn: T) => fn }));
vi.mock("@/lib/i18n/server", () => ({ getLocale: () => Promise.resolve("en") }));
// The same key as testKeyRing(), built here: importing lib/testing/connect would import this mock.
vi.mock("@/lib/env", async (original) => ({ ...(await original<object>()), getEnv: () => ({ tokenKeys: { activeId: "t1", keys: new Map([["t1", Buffer.alloc(32, 9)]]) } }) }));
vi.mock("@/lib/db/client", async (original) => ({ ...(await original<object>()), getDb: () => Promise.resolve(current.db) }));

const { removeAlertWebhookAction, saveAlertWebhookAction } = await import("@/lib/actions/alerts");
const { alertWebhookTarget, alertWebhookView } = await import("./webhook-config");
const en = dictionaries.en;

describe.each(testDatabases())("the alert webhook form on $name", (factory) => {
  let t: TestDatabase;
  let db: Database;
  let a: string;
  let b: string;
  let tenantA: string;
  let adminA: string;
  let adminB: string;
  let member: string;

  beforeAll(async () => {
    t = await factory.create();
    db = t.handle.db;
    current.db = db;
    a = await createConnection(db, 9801, "A AB");
    b = await createConnection(db, 9802, "B AB");
    tenantA = (await db.query.connections.findFirst({ where: (c, { eq: is }) => is(c.id, a) }))!.tenantId;
    adminA = await addPerson(db, "admin@a.se", a, "admin");
    adminB = await addPerson(db, "admin@b.se", b, "admin");
    member = await addPerson(db, "member@a.se", a, "member");
  }, 300_000);
  afterAll(async () => t?.dispose());
  beforeEach(() => (current.userId = adminA));

  it("refuses anything but an http(s) URL without credentials, with a clear message", async () => {
    for (const url of ["javascript:alert(1)", "file:///etc/passwd", "ftp://x.se/a", "https://user:pw@x.se/hook", "not a url", "http://", `https://x.se/${"a".repeat(2001)}`]) {
      expect(await saveAlertWebhookAction(null, form({ connectionId: a, url }))).toMatchObject({ ok: false, code: "invalid_input", fields: { url: [en["settings.alerts.error.url"]] } });
    }
    expect(await saveAlertWebhookAction(null, form({ connectionId: a, url: "  " }))).toMatchObject({ fields: { url: [en["settings.alerts.error.urlRequired"]] } });
    expect(await alertWebhookView(db, tenantA)).toBeNull();
  });

  it("saves for the admin's own company, shows the secret once (sealed at rest), audits the URL only", async () => {
    const saved = await saveAlertWebhookAction(null, form({ connectionId: a, url: "https://hooks.example.se/brygga?team=ekonomi" }));
    expect(saved).toMatchObject({ ok: true, data: { url: "https://hooks.example.se/brygga?team=ekonomi" } });
    const secret = (saved as { data: { secret: string } }).data.secret;
    expect(secret).toMatch(/^whsec_[\w-]{43}$/);
    const [row] = await db.select().from(alertWebhooks).where(eq(alertWebhooks.tenantId, tenantA));
    expect(row!.secretEnc).not.toContain(secret);
    expect((await alertWebhookTarget(db, testKeyRing(), tenantA))!.secret).toBe(secret);
    expect((await alertWebhookView(db, tenantA))?.url).toBe("https://hooks.example.se/brygga?team=ekonomi");
    const audit = await db.select().from(auditEvents).where(eq(auditEvents.tenantId, tenantA));
    expect(JSON.stringify(audit)).not.toContain(secret);
    expect(audit.map((e) => [e.type, e.userId, e.detail])).toEqual([
      ["settings.changed", adminA, { section: "alert_webhook", changes: { url: { from: null, to: "https://hooks.example.se/brygga?team=ekonomi" } }, secretRotated: true }],
    ]);

    // A member, and another company's admin, cannot change or remove it.
    current.userId = member;
    expect(await saveAlertWebhookAction(null, form({ connectionId: a, url: "https://evil.example/x" }))).toEqual({ ok: false, code: "forbidden", message: en["settings.alerts.forbidden"] });
    expect(await removeAlertWebhookAction(null, form({ connectionId: a }))).toMatchObject({ ok: false, code: "forbidden" });
    current.userId = adminB;
    expect(await saveAlertWebhookAction(null, form({ connectionId: a, url: "https://evil.example/x" }))).toMatchObject({ ok: false, code: "not_found" });
    expect(await removeAlertWebhookAction(null, form({ connectionId: a }))).toMatchObject({ ok: false, code: "not_found" });
    expect((await alertWebhookView(db, tenantA))!.url).toBe("https://hooks.example.se/brygga?team=ekonomi");

    current.userId = adminA;
    expect(await removeAlertWebhookAction(null, form({ connectionId: a }))).toEqual({ ok: true, data: { removed: true } });
    expect(await alertWebhookView(db, tenantA)).toBeNull();
  });
});
