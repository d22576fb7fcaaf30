import fc from "fast-check";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import type { Database } from "@/lib/db/client";
import { addPerson, countingFortnox, localRowCounts, RedirectSignal } from "@/lib/testing/actions";
import { createConnection, seedArticles, seedCustomers, seedInvoices } from "@/lib/testing/browse-records";
import { testDatabases, type TestDatabase } from "@/lib/testing/databases";
import { hostileForm, hostileString, isTranslated } from "@/lib/testing/hostile";

/*
 * Property: no input breaks an action or a route. Every server action and every list, lookup,
 * export and status parameter is driven with hostile strings and numbers; none may throw (a 500)
 * or answer untranslated text, and input refused as invalid, unknown or forbidden must leave the
 * local tables as they were and send Fortnox nothing (a counting stand-in that answers 503).
 */

const current = vi.hoisted((): { db: unknown; userId: string | null; fortnox: unknown; disconnects: string[]; cookies: Map<string, string> } => ({ db: null, userId: null, fortnox: null, disconnects: [], cookies: new Map() }));
vi.mock("@/lib/auth/session", () => ({ readSession: () => Promise.resolve(current.userId ? { userId: current.userId, connectionId: "" } : null) }));
vi.mock("next/headers", () => ({
  cookies: () => Promise.resolve({ get: () => undefined, set: (k: string, v: string) => current.cookies.set(k, v), delete: vi.fn() }),
  headers: () => Promise.resolve(new Headers()),
}));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next/navigation", async () => {
  const { RedirectSignal: Signal } = await import("@/lib/testing/actions");
  return { redirect: (to: string) => { throw new Signal(to); }, notFound: () => { throw new Error("NEXT_NOT_FOUND"); } };
});
vi.mock("@/lib/i18n/server", async () => {
  const { dictionaries } = await import("@/lib/i18n/dictionaries");
  const t = (key: keyof typeof dictionaries.en, vars: Record<string, string> = {}) => dictionaries.en[key].replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? `{${k}}`);
  return { getLocale: () => Promise.resolve("en"), getTranslator: () => Promise.resolve({ locale: "en", t }) };
});
vi.mock("@/lib/jobs/boss", () => ({ getBoss: () => ({ send: () => Promise.resolve("job") }) }));
vi.mock("@/lib/fortnox/api", () => ({ getFortnoxApi: () => Promise.resolve(current.fortnox) }));
vi.mock("@/lib/fortnox/tokens", () => ({ getTokenManager: () => Promise.resolve({ disconnect: (id: string) => Promise.resolve(void current.disconnects.push(id)) }) }));
vi.mock("@/lib/auth/config", () => ({ signIn: vi.fn(), signOut: vi.fn() }));
vi.mock("@/lib/auth/connect-flow", () => ({ rememberIntent: vi.fn() }));
vi.mock("@/lib/db/client", async (original) => ({ ...(await original<object>()), getDb: () => Promise.resolve(current.db) }));

const customers = await import("./customers");
const articles = await import("./articles");
const invoices = await import("./invoices");
const sync = await import("./sync");
const connect = await import("./connect");
const listInvoices = await import("@/app/api/connections/[connectionId]/invoices/route");
const listCustomers = await import("@/app/api/connections/[connectionId]/customers/route");
const listArticles = await import("@/app/api/connections/[connectionId]/articles/route");
const lookup = await import("@/app/api/connections/[connectionId]/articles/lookup/route");
const exportCsv = await import("@/app/api/connections/[connectionId]/export/[resource]/route");
const syncStatus = await import("@/app/api/connections/[connectionId]/sync/route");

const CUSTOMER = ["customerNumber", "name", "organisationNumber", "type", "email", "phone", "address1", "address2", "zipCode", "city", "yourReference", "active"];
const ARTICLE = ["articleNumber", "description", "type", "unit", "salesPrice", "purchasePrice", "vat", "salesAccount", "ean", "active"];
const ROW = ["articleNumber", "accountNumber", "description", "quantity", "price", "vat", "discount"].flatMap((f) => [`rows.0.${f}`, `rows.1.${f}`]);
const INVOICE = ["customerNumber", "invoiceDate", "dueDate", "yourReference", "ourReference", "remarks", "vatIncluded", ...ROW];
const SETTINGS = ["resources.0", "resources.1", "resources.2", "intervalMinutes", "realtime", "reconcileIntervalHours", "paused"];
const LIST_PARAMS = ["q", "sort", "dir", "size", "after", "before", "status", "booked", "from", "to", "customer", "active", "type", "stock"];

type Action = (prev: null, fd: FormData) => Promise<unknown>;
const ACTIONS: [string, Action, string[]][] = [
  ["createCustomer", customers.createCustomerAction, CUSTOMER],
  ["updateCustomer", customers.updateCustomerAction, CUSTOMER],
  ["createArticle", articles.createArticleAction, ARTICLE],
  ["updateArticle", articles.updateArticleAction, ARTICLE],
  ["createInvoice", invoices.createInvoiceAction, INVOICE],
  ["bookkeepInvoice", invoices.bookkeepInvoiceAction, ["documentNumber"]],
  ["cancelInvoice", invoices.cancelInvoiceAction, ["documentNumber"]],
  ["creditInvoice", invoices.creditInvoiceAction, ["documentNumber"]],
  ["saveSyncSettings", sync.saveSyncSettingsAction, SETTINGS],
  ["syncNow", sync.syncNowAction, []],
  ["disconnect", connect.disconnectAction, []],
  ["switchCompany", (_prev, fd) => connect.switchCompanyAction(fd), []],
];
const REFUSED = new Set(["invalid_input", "not_found", "unauthenticated", "forbidden"]);
const RUNS = Number(process.env.HOSTILE_RUNS ?? 40);

describe.each(testDatabases())("hostile input on $name", (factory) => {
  let t: TestDatabase;
  let db: Database;
  let a: string;
  let b: string;
  let fortnox: ReturnType<typeof countingFortnox>;
  const users = { member: "", admin: "" };

  beforeAll(async () => {
    t = await factory.create();
    db = t.handle.db;
    current.db = db;
    a = await createConnection(db, 9401, "A AB");
    b = await createConnection(db, 9402, "B AB");
    await seedCustomers(db, a, 30, "A");
    await seedArticles(db, a, 30, "A");
    await seedInvoices(db, a, 30, "A");
    users.member = await addPerson(db, "member@a.se", a, "member");
    users.admin = await addPerson(db, "admin@b.se", b, "admin");
    // Generous: on a loaded machine, creating and migrating a database alone can take a minute.
  }, 300_000);
  afterAll(async () => t?.dispose());
  beforeEach(() => {
    fortnox = countingFortnox();
    current.fortnox = fortnox.api;
  });

  // A's member, posting at A (valid, so the form is what is tested), B (another tenant) or garbage.
  const connectionId = fc.oneof({ weight: 3, arbitrary: fc.constant("A") }, { weight: 1, arbitrary: fc.constant("B") }, { weight: 1, arbitrary: hostileString });
  const resolve = (id: string) => (id === "A" ? a : id === "B" ? b : id);

  it.each(ACTIONS)("%s: never a 500, always translated; refused input stores and sends nothing", async (_name, action, fields) => {
    current.userId = users.member;
    await fc.assert(
      fc.asyncProperty(connectionId, hostileForm(fields), async (id, entries) => {
        const fd = new FormData();
        fd.append("connectionId", resolve(id));
        for (const [k, v] of entries) fd.append(k, v);
        const [before, sent] = [await localRowCounts(db), fortnox.calls.length];
        let result: unknown;
        try {
          result = await action(null, fd);
        } catch (e) {
          if (e instanceof RedirectSignal) return; // success (switching company, saving nothing hostile)
          if (e instanceof Error && e.message === "NEXT_NOT_FOUND") result = { ok: false, code: "not_found", message: "x" };
          else throw e;
        }
        const r = result as { ok: boolean; code?: string; message?: string; fields?: Record<string, string[]> };
        if (r.ok) return;
        if (r.message !== "x") expect(isTranslated(r.message), r.message).toBe(true);
        for (const list of Object.values(r.fields ?? {})) for (const m of list) expect(isTranslated(m), m).toBe(true);
        if (REFUSED.has(r.code!)) {
          expect(fortnox.calls.length).toBe(sent);
          expect(await localRowCounts(db)).toEqual(before);
        }
      }),
      { numRuns: RUNS },
    );
    expect(current.disconnects).toEqual([]);
  });

  const ROUTES: [string, (id: string, search: string) => Promise<Response>][] = [
    ["invoices", (id, s) => listInvoices.GET(new Request(`http://x/api/connections/${id}/invoices?${s}`), { params: Promise.resolve({ connectionId: id }) })],
    ["customers", (id, s) => listCustomers.GET(new Request(`http://x/api/connections/${id}/customers?${s}`), { params: Promise.resolve({ connectionId: id }) })],
    ["articles", (id, s) => listArticles.GET(new Request(`http://x/api/connections/${id}/articles?${s}`), { params: Promise.resolve({ connectionId: id }) })],
    ["lookup", (id, s) => lookup.GET(Object.assign(new Request(`http://x/?${s}`), { nextUrl: new URL(`http://x/?${s}`) }) as never, { params: Promise.resolve({ connectionId: id }) })],
    ["status", (id) => syncStatus.GET(new Request("http://x/"), { params: Promise.resolve({ connectionId: id }) })],
    ...(["invoices", "customers", "articles", "nope"] as const).map((resource): [string, (id: string, search: string) => Promise<Response>] => [`export ${resource}`, (id, s) => exportCsv.GET(new Request(`http://x/export?${s}`), { params: Promise.resolve({ connectionId: id, resource }) })]),
  ];

  it.each(ROUTES)("GET %s: never a 500; errors are translated JSON; a CSV is whole", async (_name, get) => {
    current.userId = users.member;
    const params = hostileForm(LIST_PARAMS);
    await fc.assert(
      fc.asyncProperty(connectionId, params, async (id, entries) => {
        const search = new URLSearchParams(entries).toString();
        const res = await get(resolve(id), search);
        expect(res.status, `${res.status} for ${search}`).toBeLessThan(500);
        const type = res.headers.get("content-type") ?? "";
        if (res.status >= 400) {
          const body = (await res.json()) as { error: { message: string; fields?: Record<string, string[]> } };
          expect(isTranslated(body.error.message), body.error.message).toBe(true);
          for (const list of Object.values(body.error.fields ?? {})) for (const m of list) expect(isTranslated(m), m).toBe(true);
        } else if (type.startsWith("text/csv")) {
          const bytes = new Uint8Array(await res.arrayBuffer());
          expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
          expect([...bytes.slice(-2)]).toEqual([0x0d, 0x0a]);
        } else await res.json();
      }),
      { numRuns: RUNS },
    );
    expect(fortnox.calls).toEqual([]);
  });
});
