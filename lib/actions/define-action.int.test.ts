import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";

import type { Database } from "@/lib/db/client";
import { dictionaries } from "@/lib/i18n/dictionaries";
import { addPerson, countingFortnox, form, localRowCounts, RedirectSignal } from "@/lib/testing/actions";
import { createConnection } from "@/lib/testing/browse-records";
import { testDatabases, type TestDatabase } from "@/lib/testing/databases";

/*
 * The action wrapper through the real guard, the real database and real memberships: only the
 * request (session, cookies), Next's cache/navigation and Fortnox are stand-ins. Another tenant's
 * id, a malformed id and a member where an admin is needed are refused, and then nothing is
 * stored and nothing is sent to Fortnox.
 */

const current = vi.hoisted((): { db: unknown; userId: string | null; cookies: Map<string, string>; fortnox: unknown; disconnects: string[] } => ({ db: null, userId: null, cookies: new Map(), fortnox: null, disconnects: [] }));
const cache = vi.hoisted(() => ({ revalidatePath: vi.fn() }));
vi.mock("@/lib/auth/session", () => ({ readSession: () => Promise.resolve(current.userId ? { userId: current.userId, connectionId: "" } : null) }));
vi.mock("next/headers", () => ({
  cookies: () => Promise.resolve({ get: (k: string) => (current.cookies.has(k) ? { value: current.cookies.get(k) } : undefined), set: (k: string, v: string) => current.cookies.set(k, v), delete: (k: string) => current.cookies.delete(k) }),
  headers: () => Promise.resolve(new Headers()),
}));
vi.mock("next/cache", () => cache);
vi.mock("next/navigation", async () => {
  const { RedirectSignal: Signal } = await import("@/lib/testing/actions");
  return { redirect: (to: string) => { throw new Signal(to); }, notFound: () => { throw new Error("NEXT_NOT_FOUND"); } };
});
vi.mock("@/lib/i18n/server", () => ({ getLocale: () => Promise.resolve("en") }));
vi.mock("@/lib/fortnox/api", () => ({ getFortnoxApi: () => Promise.resolve(current.fortnox) }));
vi.mock("@/lib/fortnox/tokens", () => ({ getTokenManager: () => Promise.resolve({ disconnect: (id: string) => Promise.resolve(void current.disconnects.push(id)) }) }));
vi.mock("@/lib/auth/config", () => ({ signIn: vi.fn(), signOut: vi.fn() }));
vi.mock("@/lib/auth/connect-flow", () => ({ rememberIntent: vi.fn() }));
vi.mock("@/lib/db/client", async (original) => ({ ...(await original<object>()), getDb: () => Promise.resolve(current.db) }));

const { createCustomerAction, updateCustomerAction } = await import("./customers");
const { createArticleAction } = await import("./articles");
const { bookkeepInvoiceAction, createInvoiceAction } = await import("./invoices");
const { saveSyncSettingsAction, syncNowAction } = await import("./sync");
const { disconnectAction, switchCompanyAction } = await import("./connect");
const { defineAction } = await import("./define-action");
const en = dictionaries.en;

describe.each(testDatabases())("the action wrapper through the real guard on $name", (factory) => {
  let t: TestDatabase;
  let db: Database;
  let a: string;
  let b: string;
  const people = { admin: "", member: "", outsider: "" };
  let fortnox: ReturnType<typeof countingFortnox>;

  beforeAll(async () => {
    t = await factory.create();
    db = t.handle.db;
    current.db = db;
    a = await createConnection(db, 9301, "A AB");
    b = await createConnection(db, 9302, "B AB");
    people.admin = await addPerson(db, "admin@a.se", a, "admin");
    people.member = await addPerson(db, "member@a.se", a, "member");
    people.outsider = await addPerson(db, "admin@b.se", b, "admin");
  });
  afterAll(async () => t?.dispose());
  beforeEach(() => {
    vi.clearAllMocks();
    fortnox = countingFortnox();
    current.fortnox = fortnox.api;
    current.userId = people.member;
    current.cookies.clear();
    current.disconnects.length = 0;
  });

  const customer = (connectionId: string) => form({ connectionId, name: "Kapad AB", organisationNumber: "556640-2276" });
  const nothingHappened = async (before: Record<string, number>) => {
    expect(fortnox.calls).toEqual([]);
    expect(current.disconnects).toEqual([]);
    expect(await localRowCounts(db)).toEqual(before);
    expect(cache.revalidatePath).not.toHaveBeenCalled();
  };

  it("refuses a signed-out viewer, another tenant's id and a malformed id, before reading the form", async () => {
    const before = await localRowCounts(db);
    current.userId = null;
    expect(await createCustomerAction(null, customer(a))).toEqual({ ok: false, code: "unauthenticated", message: en["write.error.unauthenticated"] });
    expect(await createCustomerAction(null, customer("not-a-uuid"))).toMatchObject({ ok: false, code: "unauthenticated" });
    current.userId = people.member;
    for (const id of [b, "not-a-uuid", "\u0000", `${a}\u0000`, "' or 1=1 --", a.toUpperCase().replace(/-/g, ""), ""]) {
      expect([id, await createCustomerAction(null, customer(id))]).toEqual([id, { ok: false, code: "not_found", message: en["write.error.not_found"] }]);
    }
    expect(await createInvoiceAction(null, form({ connectionId: b, customerNumber: "1", "rows.0.accountNumber": "3001", "rows.0.description": "X", "rows.0.quantity": "1", "rows.0.price": "1" }))).toMatchObject({ code: "not_found" });
    expect(await bookkeepInvoiceAction(null, form({ connectionId: b, documentNumber: "1" }))).toMatchObject({ code: "not_found" });
    expect(await syncNowAction(null, form({ connectionId: b }))).toMatchObject({ code: "not_found" });
    await expect(switchCompanyAction(form({ connectionId: b }))).rejects.toThrow("NEXT_NOT_FOUND");
    await expect(switchCompanyAction(form({ connectionId: "\u0000" }))).rejects.toThrow("NEXT_NOT_FOUND");
    expect(current.cookies.size).toBe(0);
    await nothingHappened(before);
  });

  it("refuses a member where an admin is needed, and an admin of another company", async () => {
    const before = await localRowCounts(db);
    const settings = form([["connectionId", a], ["resources.0", "customers"], ["intervalMinutes", "30"], ["reconcileIntervalHours", "24"]]);
    expect(await saveSyncSettingsAction(null, settings)).toEqual({ ok: false, code: "forbidden", message: en["sync.settings.forbidden"] });
    expect(await disconnectAction(null, form({ connectionId: a }))).toEqual({ ok: false, code: "forbidden", message: en["write.error.forbidden"] });
    current.userId = people.outsider;
    expect(await disconnectAction(null, form({ connectionId: a }))).toMatchObject({ code: "not_found" });
    await nothingHappened(before);
    current.userId = people.admin;
    await expect(disconnectAction(null, form({ connectionId: a }))).rejects.toThrow(RedirectSignal);
    expect(current.disconnects).toEqual([a]);
  });

  it("returns every field error at once, translated, and sends nothing", async () => {
    const before = await localRowCounts(db);
    const r = await createCustomerAction(null, form({ connectionId: a, name: "Nul\u0000 AB", organisationNumber: "000000-0000", email: "x", zipCode: "12345678901", yourReference: "a\nb" }));
    expect(r).toEqual({
      ok: false,
      code: "invalid_input",
      message: en["write.error.invalid_input"],
      fields: {
        name: [en["write.err.controlCharsLine"]],
        organisationNumber: [en["write.err.orgnoInvalid"]],
        email: [en["write.err.email"]],
        zipCode: [en["write.err.tooLong"].replace("{max}", "10")],
        yourReference: [en["write.err.controlCharsLine"]],
      },
    });
    for (const price of ["NaN", "Infinity", "-Infinity", "1e5", "1e400", "abc", "0x10", "1,2,3"]) {
      expect([price, await createArticleAction(null, form({ connectionId: a, description: "Kaffe", salesPrice: price }))]).toEqual([price, expect.objectContaining({ fields: { salesPrice: [en["write.err.number"]] } })]);
    }
    expect(await createArticleAction(null, form({ connectionId: a, description: "Kaffe", salesPrice: "100000000" }))).toMatchObject({ fields: { salesPrice: [en["write.err.atMost"].replace("{max}", "99999999")] } });
    for (const date of ["2025-13-01", "2025-02-32", "2025-02-29", "2025-00-10"]) {
      const inv = await createInvoiceAction(null, form({ connectionId: a, customerNumber: "1", invoiceDate: date, "rows.0.accountNumber": "3001", "rows.0.description": "X", "rows.0.quantity": "1", "rows.0.price": "1" }));
      expect([date, inv]).toEqual([date, expect.objectContaining({ code: "invalid_input", fields: { invoiceDate: [en["write.err.dateInvalid"]] } })]);
    }
    expect(await updateCustomerAction(null, form({ connectionId: a, customerNumber: "\u0000", name: "X" }))).toMatchObject({ fields: { customerNumber: [en["write.err.controlCharsLine"]] } });
    expect(await bookkeepInvoiceAction(null, form({ connectionId: a, documentNumber: "99999999999999999999" }))).toMatchObject({ fields: { documentNumber: [en["write.err.documentNumber"]] } });
    await nothingHappened(before);
  });

  it("accepts what Swedes type, and reports Fortnox being down as a translated result", async () => {
    const leap = await createInvoiceAction(null, form({ connectionId: a, customerNumber: "1", invoiceDate: "2024-02-29", "rows.0.accountNumber": "3001", "rows.0.description": "X", "rows.0.quantity": "1,5", "rows.0.price": "12,50" }));
    expect(leap).toEqual({ ok: false, code: "fortnox_unavailable", message: en["write.error.fortnox_unavailable"] });
    const person = await createCustomerAction(null, form({ connectionId: a, name: "Anna", organisationNumber: "811218+9876" }));
    expect(person).toMatchObject({ code: "fortnox_unavailable" });
    expect(fortnox.calls).toEqual(["POST /3/invoices", "POST /3/customers"]);
  });

  it("rethrows a bug (to error.tsx) and redirects only after success", async () => {
    const buggy = defineAction({ schema: z.object({}), run: () => Promise.reject(new TypeError("bug")) });
    await expect(buggy(null, form({ connectionId: a }))).rejects.toThrow("bug");
    const ok = defineAction({ schema: z.object({}), run: () => Promise.resolve({ id: 7 }), revalidate: () => ["/things", { layout: "/" }], redirectTo: (d) => `/things/${d.id}` });
    await expect(ok(null, form({ connectionId: a }))).rejects.toThrow("NEXT_REDIRECT /things/7");
    expect(cache.revalidatePath.mock.calls).toEqual([["/things"], ["/", "layout"]]);
    await expect(switchCompanyAction(form({ connectionId: a }))).rejects.toThrow("NEXT_REDIRECT /dashboard");
    expect([...current.cookies.values()]).toEqual([a]);
  });
});
