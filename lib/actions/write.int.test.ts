import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import type { Database } from "@/lib/db/client";
import { customers, invoices } from "@/lib/db/schema";
import { createFortnoxClient } from "@/lib/fortnox/client";
import { createRateLimiter } from "@/lib/fortnox/rate-limiter";
import { createTokenManager } from "@/lib/fortnox/token-manager";
import { AppError } from "@/lib/errors";
import type { FortnoxApi } from "@/lib/fortnox/client";
import { translateRef } from "@/lib/forms/message-ref";
import { dictionaries } from "@/lib/i18n/dictionaries";
import { createInvoiceRecord } from "@/lib/invoices/write";
import { addPerson, form, RedirectSignal } from "@/lib/testing/actions";
import { connectTestCompany, registerTestApp, testKeyRing } from "@/lib/testing/connect";
import { testDatabases, type TestDatabase } from "@/lib/testing/databases";
import { startSandbox, type SandboxApp, type SandboxProcess } from "@/lib/testing/sandbox";

/**
 * Write-back end to end: the real server actions (wrapper, guard, schema, domain write, Fortnox
 * client, token manager, rate limiter) against the sandbox. Only the request (session, cookies,
 * locale) and Next's cache/navigation are stand-ins. Each write must reach Fortnox, come back
 * decoded, and be stored for the connection that made it, and only that one.
 */

const current = vi.hoisted((): { db: unknown; userId: string | null; apiFor: (id: string) => unknown } => ({ db: null, userId: null, apiFor: () => null }));
vi.mock("@/lib/auth/session", () => ({ readSession: () => Promise.resolve(current.userId ? { userId: current.userId, connectionId: "" } : null) }));
vi.mock("next/headers", () => ({ cookies: () => Promise.resolve({ get: () => undefined }), headers: () => Promise.resolve(new Headers()) }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next/navigation", async () => {
  const { RedirectSignal: Signal } = await import("@/lib/testing/actions");
  return { redirect: (to: string) => { throw new Signal(to); }, notFound: () => { throw new Error("NEXT_NOT_FOUND"); } };
});
vi.mock("@/lib/i18n/server", () => ({ getLocale: () => Promise.resolve("en") }));
vi.mock("@/lib/fortnox/api", () => ({ getFortnoxApi: (id: string) => Promise.resolve(current.apiFor(id)) }));
vi.mock("@/lib/db/client", async (original) => ({ ...(await original<object>()), getDb: () => Promise.resolve(current.db) }));

const { createCustomerAction, updateCustomerAction } = await import("./customers");
const { createArticleAction } = await import("./articles");
const { bookkeepInvoiceAction, cancelInvoiceAction, createInvoiceAction, creditInvoiceAction } = await import("./invoices");
const en = dictionaries.en;

/** A create action's redirect target's last segment: the number Fortnox gave the record. */
async function created(p: Promise<unknown>): Promise<string> {
  const e = await p.then(
    (r) => r,
    (err: unknown) => err,
  );
  if (!(e instanceof RedirectSignal)) throw new Error(`expected a redirect after success, got ${JSON.stringify(e)}`);
  return decodeURIComponent(e.to.split("/").pop()!);
}

describe.each(testDatabases())("write-back actions on $name", (factory) => {
  let sb: SandboxProcess;
  let app: SandboxApp;
  let t: TestDatabase;
  let db: Database;
  const co = { a: { id: "", tenantId: 0, user: "" }, b: { id: "", tenantId: 0, user: "" } };

  beforeAll(async () => {
    [sb, t] = await Promise.all([startSandbox(["--rate-limit", "25/500"]), factory.create()]);
    app = await registerTestApp(sb);
    db = t.handle.db;
    current.db = db;
    const tokens = createTokenManager({ db, keyRing: testKeyRing(), oauth: { tokenUrl: `${sb.url}/oauth-v1/token`, revokeUrl: `${sb.url}/oauth-v1/revoke`, clientId: app.clientId, clientSecret: app.clientSecret } });
    const client = createFortnoxClient({ apiUrl: sb.url, clientId: app.clientId, tokens, limiter: createRateLimiter(db, { requests: 25, windowMs: 500 }) });
    for (const [key, email] of [["a", "a@a.se"], ["b", "b@b.se"]] as const) {
      const { tenantId } = await sb.control<{ tenantId: number }>("POST", "/databases", { seed: "tiny" });
      const { connectionId } = await connectTestCompany(sb, app, db, testKeyRing(), tenantId);
      co[key] = { id: connectionId, tenantId, user: await addPerson(db, email, connectionId, "member") };
    }
    current.apiFor = (id) => client.forConnection({ connectionId: id, tenantId: id === co.a.id ? co.a.tenantId : co.b.tenantId });
  });
  afterAll(async () => {
    await Promise.all([sb?.stop(), t?.dispose()]);
  });
  beforeEach(() => {
    current.userId = co.a.user;
  });

  const localInvoice = async (connectionId: string, documentNumber: number) => {
    const [row] = await db.select().from(invoices).where(and(eq(invoices.connectionId, connectionId), eq(invoices.documentNumber, documentNumber)));
    return row;
  };
  const localCustomer = async (connectionId: string, customerNumber: string) => {
    const [row] = await db.select().from(customers).where(and(eq(customers.connectionId, connectionId), eq(customers.customerNumber, customerNumber)));
    return row;
  };
  const fortnoxLog = () => sb.control<{ method: string; path: string }[]>("GET", "/requests").then((log) => log.filter((r) => r.path.startsWith("/3/")));

  it("creates a customer in Fortnox and stores it at once; a taken number lands on the number field; an edit is stored", async () => {
    const number = await created(createCustomerAction(null, form({ connectionId: co.a.id, name: "Bryggans Kaffe AB", organisationNumber: "5566402276", email: "info@bryggan.se", type: "COMPANY" })));
    expect(await localCustomer(co.a.id, number)).toMatchObject({ name: "Bryggans Kaffe AB", organisationNumber: "556640-2276", email: "info@bryggan.se" });

    // Exactly what the form posts: every field, blanks as "".
    const taken = await createCustomerAction(null, form({ connectionId: co.a.id, customerNumber: number, name: "Dubblett AB", organisationNumber: "", type: "COMPANY", email: "", phone: "", address1: "", address2: "", zipCode: "", city: "", yourReference: "" }));
    expect(taken).toMatchObject({ ok: false, code: "fortnox_rejected", fields: { customerNumber: [en["write.err.customerNumberTaken"]] } });

    await created(updateCustomerAction(null, form({ connectionId: co.a.id, customerNumber: number, name: "Bryggans Kafferosteri AB", email: "", active: "on" })));
    expect(await localCustomer(co.a.id, number)).toMatchObject({ name: "Bryggans Kafferosteri AB", email: null });
  });

  it("refuses a NUL in a name before Fortnox: nothing sent, nothing stored (no duplicate on retry)", async () => {
    await sb.control("DELETE", "/requests");
    const before = await db.$count(customers, eq(customers.connectionId, co.a.id));
    const r = await createCustomerAction(null, form({ connectionId: co.a.id, name: "Nul\u0000 AB" }));
    expect(r).toMatchObject({ ok: false, code: "invalid_input", fields: { name: [en["write.err.controlCharsLine"]] } });
    expect(await fortnoxLog()).toEqual([]);
    expect(await db.$count(customers, eq(customers.connectionId, co.a.id))).toBe(before);
  });

  it("explains 2001304 on the row's account field when the company has no predefined accounts", async () => {
    // The form asks every row for an article or an account, so no action can post the row that
    // falls back to predefined accounts; an API caller of the domain write can, and hears why.
    const customerNumber = await created(createCustomerAction(null, form({ connectionId: co.a.id, name: "Kontolös Kund AB" })));
    const w = { db, connectionId: co.a.id, api: current.apiFor(co.a.id) as FortnoxApi };
    await sb.control("PATCH", `/databases/${co.a.tenantId}`, { predefinedAccounts: null });
    try {
      const e = await createInvoiceRecord(w, { customerNumber, rows: [{ accountNumber: 3001, description: "Med konto", quantity: 1, price: 10, vat: 25 }, { description: "Fritext", quantity: 1, price: 100, vat: 12 }] }).catch((err: unknown) => err as AppError);
      expect(e).toBeInstanceOf(AppError);
      expect(Object.keys((e as AppError).fields ?? {})).toEqual(["rows.1.accountNumber"]);
      const text = translateRef((e as AppError).fields!["rows.1.accountNumber"]![0]!, en);
      expect(text).toContain("12 % VAT (usually 3002)");
      expect(text).toContain("Settings → Bookkeeping → Predefined accounts");
    } finally {
      await sb.control("PATCH", `/databases/${co.a.tenantId}`, { restorePredefinedAccounts: true });
    }
  });

  it("creates an invoice with article and account rows, bookkeeps it, credits it; cancels another", async () => {
    const customerNumber = await created(createCustomerAction(null, form({ connectionId: co.a.id, name: "Fakturakund AB" })));
    const articleNumber = await created(createArticleAction(null, form({ connectionId: co.a.id, description: "Konsulttimme", salesPrice: "1 000,00", vat: "25", type: "SERVICE", unit: "h" })));
    const rows = { "rows.0.articleNumber": articleNumber, "rows.0.quantity": "2", "rows.1.accountNumber": "3001", "rows.1.description": "Resa", "rows.1.quantity": "1", "rows.1.price": "500", "rows.1.vat": "25" };
    const documentNumber = Number(await created(createInvoiceAction(null, form({ connectionId: co.a.id, customerNumber, invoiceDate: "2024-02-29", ...rows }))));
    expect(await localInvoice(co.a.id, documentNumber)).toMatchObject({ customerNumber, total: 3125, booked: false, invoiceDate: "2024-02-29" });

    const target = form({ connectionId: co.a.id, documentNumber: String(documentNumber) });
    expect(await bookkeepInvoiceAction(null, target)).toMatchObject({ ok: true, data: { booked: true } });
    expect((await localInvoice(co.a.id, documentNumber))?.booked).toBe(true);
    // Fortnox refuses a second bookkeeping; that is a form-level rejection, not a crash.
    expect(await bookkeepInvoiceAction(null, target)).toMatchObject({ ok: false, code: "fortnox_rejected" });

    const credited = await creditInvoiceAction(null, target);
    const creditNumber = credited.ok ? credited.data.creditInvoiceReference! : 0;
    expect(creditNumber).toBeGreaterThan(documentNumber);
    expect(await localInvoice(co.a.id, creditNumber)).toMatchObject({ credit: true, creditInvoiceReference: documentNumber, total: -3125 });

    const other = Number(await created(createInvoiceAction(null, form({ connectionId: co.a.id, customerNumber, "rows.0.articleNumber": articleNumber, "rows.0.quantity": "1" }))));
    expect(await cancelInvoiceAction(null, form({ connectionId: co.a.id, documentNumber: String(other) }))).toMatchObject({ ok: true, data: { cancelled: true, balance: 0 } });
    expect((await localInvoice(co.a.id, other))?.cancelled).toBe(true);
  });

  it("refuses another company's records and connection as not found, without asking Fortnox", async () => {
    const customerNumber = await created(createCustomerAction(null, form({ connectionId: co.a.id, name: "Annans Kund AB" })));
    const documentNumber = Number(await created(createInvoiceAction(null, form({ connectionId: co.a.id, customerNumber, "rows.0.accountNumber": "3001", "rows.0.description": "X", "rows.0.quantity": "1", "rows.0.price": "1" }))));
    await sb.control("DELETE", "/requests");
    current.userId = co.b.user;
    // B's viewer, B's connection, A's numbers: not found in B.
    expect(await bookkeepInvoiceAction(null, form({ connectionId: co.b.id, documentNumber: String(documentNumber) }))).toMatchObject({ ok: false, code: "not_found" });
    expect(await cancelInvoiceAction(null, form({ connectionId: co.b.id, documentNumber: String(documentNumber) }))).toMatchObject({ ok: false, code: "not_found" });
    expect(await updateCustomerAction(null, form({ connectionId: co.b.id, customerNumber, name: "Kapad" }))).toMatchObject({ ok: false, code: "not_found" });
    // B's viewer naming A's connection: not found either.
    expect(await bookkeepInvoiceAction(null, form({ connectionId: co.a.id, documentNumber: String(documentNumber) }))).toMatchObject({ ok: false, code: "not_found" });
    expect(await fortnoxLog()).toEqual([]);
    expect((await localInvoice(co.a.id, documentNumber))?.booked).toBe(false);
    expect((await localCustomer(co.a.id, customerNumber))?.name).toBe("Annans Kund AB");
  });
});
