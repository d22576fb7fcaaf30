import { describe, expect, it } from "vitest";

import { en } from "@/lib/i18n/messages/write";
import { parseMessageRef, translateRef } from "@/lib/forms/message-ref";

import { fortnoxErrorFromResponse } from "./errors";
import { fortnoxWriteError, mapFortnoxFieldErrors } from "./field-errors";

const err = (message: string, code: number, status = 400) => fortnoxErrorFromResponse(status, { ErrorInformation: { error: 1, message, code } });

describe("Fortnox errors → form fields", () => {
  it("puts a taken number on the number field", () => {
    expect(mapFortnoxFieldErrors(2000637, "Kundnummer 1 används redan. Kundnumret har redan använts men blivit raderat.", { form: "customer" })?.fields).toEqual({ customerNumber: ["write.err.customerNumberTaken"] });
    expect(mapFortnoxFieldErrors(2000013, "Artikelnummer används redan", { form: "article" })?.fields).toEqual({ articleNumber: ["write.err.articleNumberTaken"] });
  });

  it("2001304 without a row number: the rows that fall back to a predefined account, naming it", () => {
    const m = mapFortnoxFieldErrors(2001304, "Kunde inte hitta konto", { form: "invoice", rows: [{ articleNumber: "A-1" }, { vat: 12 }, { accountNumber: 3001 }] });
    expect(Object.keys(m!.fields)).toEqual(["rows.1.accountNumber"]);
    const ref = m!.fields["rows.1.accountNumber"]![0]!;
    expect(parseMessageRef(ref)).toEqual({ key: "write.err.predefinedAccountMissing", vars: { vat: "12", account: "3002" } });
    const text = translateRef(ref, en);
    expect(text).toContain("12 %");
    expect(text).toContain("3002");
    expect(text).toContain("Settings → Bookkeeping → Predefined accounts");
  });

  it("2001304 on a named row with its own account names that account", () => {
    const m = mapFortnoxFieldErrors(2001304, "Kunde inte hitta konto (rad 2)", { form: "invoice", rows: [{ articleNumber: "A-1" }, { accountNumber: 1234, vat: 25 }] });
    expect(m!.fields).toEqual({ "rows.1.accountNumber": ["write.err.accountMissing?account=1234"] });
  });

  it("2001304 with no candidate row stays at form level; on an article it is the sales account", () => {
    expect(mapFortnoxFieldErrors(2001304, "Kunde inte hitta konto", { form: "invoice", rows: [{ accountNumber: 3001 }] })).toEqual({ fields: {}, formMessage: "write.err.accountMissingSomewhere" });
    expect(mapFortnoxFieldErrors(2001304, "Kunde inte hitta konto", { form: "article" })?.fields).toEqual({ salesAccount: ["write.err.articleSalesAccountMissing"] });
  });

  it("type errors go to the field the message names, on the header or a row", () => {
    expect(mapFortnoxFieldErrors(2000108, "Värdet måste vara numeriskt (SalesPrice)", { form: "article" })?.fields).toEqual({ salesPrice: ["write.err.number"] });
    expect(mapFortnoxFieldErrors(2000134, "Värdet måste vara en boolean (Active)", { form: "customer" })?.fields).toEqual({ active: ["write.err.boolean"] });
    expect(mapFortnoxFieldErrors(2000108, "Värdet måste vara numeriskt (Price) (rad 3)", { form: "invoice", rows: [{}, {}, {}] })?.fields).toEqual({ "rows.2.price": ["write.err.number"] });
    expect(mapFortnoxFieldErrors(2000108, "Värdet måste vara numeriskt (DeliveredQuantity)", { form: "invoice", rows: [{}] })?.fields).toEqual({ "rows.0.quantity": ["write.err.number"] });
    // A row field without a row number among several rows cannot be placed.
    expect(mapFortnoxFieldErrors(2000108, "Värdet måste vara numeriskt (Price)", { form: "invoice", rows: [{}, {}] })).toBeNull();
    expect(mapFortnoxFieldErrors(2000108, "Värdet måste vara numeriskt (12 kr)", { form: "article" })).toBeNull();
  });

  it("unknown article and customer on an invoice, discount over 100 %", () => {
    expect(mapFortnoxFieldErrors(2001302, "Kunde inte hitta artikel (rad 1)", { form: "invoice" })?.fields).toEqual({ "rows.0.articleNumber": ["write.err.articleNotFound"] });
    expect(mapFortnoxFieldErrors(2000204, "Kunde inte hämta/hitta kund (kundnummer)", { form: "invoice" })?.fields).toEqual({ customerNumber: ["write.err.customerNotFound"] });
    expect(mapFortnoxFieldErrors(2000359, "Rabatten får inte överstiga 100 % (rad 2)", { form: "invoice" })?.fields).toEqual({ "rows.1.discount": ["write.err.discount"] });
  });

  it("anything else is form-level", () => {
    expect(mapFortnoxFieldErrors(2001399, "Felaktigt fältnamn", { form: "customer" })).toBeNull();
    expect(mapFortnoxFieldErrors(undefined, "Fortnox answered HTTP 400", { form: "invoice" })).toBeNull();
  });
});

describe("fortnoxWriteError", () => {
  it("field errors come as fortnox_rejected with fields; the rest keeps Fortnox's words at form level", () => {
    const a = fortnoxWriteError(err("Kundnummer 5 används redan.", 2000637), { form: "customer" });
    expect(a).toMatchObject({ code: "fortnox_rejected", fields: { customerNumber: ["write.err.customerNumberTaken"] } });
    const b = fortnoxWriteError(err("Felaktigt fältnamn", 2001399), { form: "customer" });
    expect(b.fields).toBeUndefined();
    expect(translateRef(b.message, en)).toBe("Fortnox rejected the data: Felaktigt fältnamn (2001399)");
  });

  it("recognises a FortnoxError from another copy of the module (the client is a global singleton)", () => {
    // Another bundle's FortnoxError carries the same global brand (lib/fortnox/errors.ts).
    const brand = { [Symbol.for("brygga.FortnoxError")]: true, name: "FortnoxError" };
    const foreign = Object.assign(new Error("Kundnummer 5 används redan."), brand, { status: 400, code: 2000637, retryable: false });
    expect(fortnoxWriteError(foreign, { form: "customer" })).toMatchObject({ code: "fortnox_rejected", fields: { customerNumber: ["write.err.customerNumberTaken"] } });
    expect(fortnoxWriteError(Object.assign(new Error("x"), brand, { status: 429, retryable: true }), { form: "customer" }).code).toBe("fortnox_rate_limited");
    expect(fortnoxWriteError(new TypeError("boom"), { form: "customer" }).code).toBe("internal");
  });

  it("permission, reconnect, rate-limit and outage keep their own codes", () => {
    expect(fortnoxWriteError(err("Har inte behörighet för scope", 2000663, 403), { form: "invoice" }).code).toBe("forbidden");
    expect(fortnoxWriteError(fortnoxErrorFromResponse(401, { message: "unauthorized" }), { form: "invoice" }).code).toBe("fortnox_reconnect_required");
    expect(fortnoxWriteError(fortnoxErrorFromResponse(429, {}), { form: "invoice" }).code).toBe("fortnox_rate_limited");
    expect(fortnoxWriteError(fortnoxErrorFromResponse(503, ""), { form: "invoice" }).code).toBe("fortnox_unavailable");
    expect(fortnoxWriteError(err("Kan inte hitta fakturan.", 2000423, 404), { form: "invoice" }).code).toBe("not_found");
  });
});
