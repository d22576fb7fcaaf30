import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createArticleRecord } from "@/lib/articles/write";
import { createCustomerSchema } from "@/lib/customers/schema";
import { createCustomerRecord, updateCustomerRecord } from "@/lib/customers/write";
import { customers, invoices } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { createFortnoxClient } from "@/lib/fortnox/client";
import { createRateLimiter } from "@/lib/fortnox/rate-limiter";
import { createTokenManager } from "@/lib/fortnox/token-manager";
import type { WriteContext } from "@/lib/fortnox/writes/context";
import { translateRef } from "@/lib/forms/message-ref";
import { en } from "@/lib/i18n/messages/write";
import { createInvoiceRecord, runInvoiceAction } from "@/lib/invoices/write";
import { connectTestCompany, registerTestApp, testKeyRing } from "@/lib/testing/connect";
import { testDatabases, type TestDatabase } from "@/lib/testing/databases";
import { startSandbox, type SandboxApp, type SandboxProcess } from "@/lib/testing/sandbox";

/**
 * Write-back end to end against the sandbox, through the domain functions the actions call (the
 * Next action wrappers need a request). Each write must reach Fortnox, come back decoded, and be
 * stored for the connection that made it, and only that one.
 */

async function rejection(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

describe.each(testDatabases())("write-back on $name", (factory) => {
  let sb: SandboxProcess;
  let app: SandboxApp;
  let t: TestDatabase;
  let a: WriteContext & { tenantId: number };
  let b: WriteContext & { tenantId: number };

  beforeAll(async () => {
    [sb, t] = await Promise.all([startSandbox(["--rate-limit", "25/500"]), factory.create()]);
    app = await registerTestApp(sb);
    const db = t.handle.db;
    const tokens = createTokenManager({ db, keyRing: testKeyRing(), oauth: { tokenUrl: `${sb.url}/oauth-v1/token`, revokeUrl: `${sb.url}/oauth-v1/revoke`, clientId: app.clientId, clientSecret: app.clientSecret } });
    const client = createFortnoxClient({ apiUrl: sb.url, clientId: app.clientId, tokens, limiter: createRateLimiter(db, { requests: 25, windowMs: 500 }) });
    const writer = async () => {
      const { tenantId } = await sb.control<{ tenantId: number }>("POST", "/databases", { seed: "tiny" });
      const { connectionId } = await connectTestCompany(sb, app, db, testKeyRing(), tenantId);
      return { db, connectionId, tenantId, api: client.forConnection({ connectionId, tenantId }) };
    };
    [a, b] = [await writer(), await writer()];
  });
  afterAll(async () => {
    await Promise.all([sb?.stop(), t?.dispose()]);
  });

  const localInvoice = async (w: WriteContext, documentNumber: number) => {
    const [row] = await w.db.select().from(invoices).where(and(eq(invoices.connectionId, w.connectionId), eq(invoices.documentNumber, documentNumber)));
    return row;
  };

  it("creates a customer in Fortnox and stores it locally at once; a taken number lands on the number field", async () => {
    const c = await createCustomerRecord(a, { name: "Bryggans Kaffe AB", organisationNumber: "556640-2276", email: "info@bryggan.se", type: "COMPANY" });
    expect(c.customerNumber).toBeTruthy();
    const [row] = await a.db.select().from(customers).where(and(eq(customers.connectionId, a.connectionId), eq(customers.customerNumber, c.customerNumber)));
    expect(row).toMatchObject({ name: "Bryggans Kaffe AB", organisationNumber: "556640-2276", email: "info@bryggan.se" });

    // Exactly what the form posts: every field, blanks as "".
    const posted = createCustomerSchema.parse({ customerNumber: c.customerNumber, name: "Dubblett AB", organisationNumber: "", type: "COMPANY", email: "", phone: "", address1: "", address2: "", zipCode: "", city: "", yourReference: "" });
    const taken = await rejection(createCustomerRecord(a, posted));
    expect(taken.code).toBe("fortnox_rejected");
    expect(Object.keys(taken.fields ?? {})).toEqual(["customerNumber"]);

    const updated = await updateCustomerRecord(a, c.customerNumber, { name: "Bryggans Kafferosteri AB", email: null });
    expect(updated).toMatchObject({ name: "Bryggans Kafferosteri AB", email: null });
    const [after] = await a.db.select().from(customers).where(and(eq(customers.connectionId, a.connectionId), eq(customers.customerNumber, c.customerNumber)));
    expect(after?.name).toBe("Bryggans Kafferosteri AB");
  });

  it("explains 2001304 on the row's account field when the company has no predefined accounts", async () => {
    const c = await createCustomerRecord(a, { name: "Kontolös Kund AB" });
    await sb.control("PATCH", `/databases/${a.tenantId}`, { predefinedAccounts: null });
    try {
      const e = await rejection(createInvoiceRecord(a, { customerNumber: c.customerNumber, rows: [{ accountNumber: 3001, description: "Med konto", quantity: 1, price: 10, vat: 25 }, { description: "Fritext", quantity: 1, price: 100, vat: 12 }] }));
      expect(e.code).toBe("fortnox_rejected");
      expect(Object.keys(e.fields ?? {})).toEqual(["rows.1.accountNumber"]);
      const text = translateRef(e.fields!["rows.1.accountNumber"]![0]!, en);
      expect(text).toContain("12 % VAT (usually 3002)");
      expect(text).toContain("Settings → Bookkeeping → Predefined accounts");
    } finally {
      await sb.control("PATCH", `/databases/${a.tenantId}`, { restorePredefinedAccounts: true });
    }
  });

  it("creates an invoice with article and account rows, bookkeeps it, credits it; cancels another", async () => {
    const c = await createCustomerRecord(a, { name: "Fakturakund AB" });
    const art = await createArticleRecord(a, { description: "Konsulttimme", salesPrice: 1000, vat: 25, type: "SERVICE", unit: "h" });
    const inv = await createInvoiceRecord(a, { customerNumber: c.customerNumber, rows: [{ articleNumber: art.articleNumber, quantity: 2 }, { accountNumber: 3001, description: "Resa", quantity: 1, price: 500, vat: 25 }] });
    expect(inv).toMatchObject({ total: 3125, booked: false });
    expect(await localInvoice(a, inv.documentNumber)).toMatchObject({ customerNumber: c.customerNumber, total: 3125, booked: false });

    const booked = await runInvoiceAction(a, inv.documentNumber, "bookkeep");
    expect(booked.invoice.booked).toBe(true);
    expect((await localInvoice(a, inv.documentNumber))?.booked).toBe(true);
    // Fortnox refuses a second bookkeeping; that is a form-level rejection, not a crash.
    expect((await rejection(runInvoiceAction(a, inv.documentNumber, "bookkeep"))).code).toBe("fortnox_rejected");

    const credited = await runInvoiceAction(a, inv.documentNumber, "credit");
    const creditNumber = credited.invoice.creditInvoiceReference!;
    expect(creditNumber).toBeGreaterThan(inv.documentNumber);
    expect(credited.creditInvoice).toMatchObject({ documentNumber: creditNumber, credit: true, total: -3125 });
    expect((await localInvoice(a, inv.documentNumber))?.creditInvoiceReference).toBe(creditNumber);
    expect(await localInvoice(a, creditNumber)).toMatchObject({ credit: true, creditInvoiceReference: inv.documentNumber });

    const other = await createInvoiceRecord(a, { customerNumber: c.customerNumber, rows: [{ articleNumber: art.articleNumber, quantity: 1 }] });
    const cancelled = await runInvoiceAction(a, other.documentNumber, "cancel");
    expect(cancelled.invoice).toMatchObject({ cancelled: true, balance: 0 });
    expect((await localInvoice(a, other.documentNumber))?.cancelled).toBe(true);
  });

  it("refuses another connection's records as not found, without asking Fortnox", async () => {
    const c = await createCustomerRecord(a, { name: "Annans Kund AB" });
    const inv = await createInvoiceRecord(a, { customerNumber: c.customerNumber, rows: [{ accountNumber: 3001, description: "X", quantity: 1, price: 1, vat: 25 }] });
    await sb.control("DELETE", "/requests");
    expect((await rejection(runInvoiceAction(b, inv.documentNumber, "bookkeep"))).code).toBe("not_found");
    expect((await rejection(runInvoiceAction(b, inv.documentNumber, "cancel"))).code).toBe("not_found");
    expect((await rejection(updateCustomerRecord(b, c.customerNumber, { name: "Kapad" }))).code).toBe("not_found");
    const log = await sb.control<{ method: string; path: string }[]>("GET", "/requests");
    expect(log.filter((r) => r.path.startsWith("/3/"))).toEqual([]);
    expect((await localInvoice(a, inv.documentNumber))?.booked).toBe(false);
  });
});
