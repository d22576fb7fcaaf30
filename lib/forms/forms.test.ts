import { describe, expect, it } from "vitest";

import { fieldErrors, luhnValid, optionalDecimal, organisationNumber, parseDecimal } from "./fields";
import { formDataToObject } from "./form-data";
import { msg, parseMessageRef, translateRef } from "./message-ref";

describe("message references", () => {
  it("round-trip keys and variables, and translate with a dictionary", () => {
    const ref = msg("write.err.tooLong", { max: 255 });
    expect(ref).toBe("write.err.tooLong?max=255");
    expect(parseMessageRef(ref)).toEqual({ key: "write.err.tooLong", vars: { max: "255" } });
    expect(translateRef(ref, { "write.err.tooLong": "Högst {max} tecken." })).toBe("Högst 255 tecken.");
    expect(translateRef("Plain text? yes", {})).toBe("Plain text? yes");
  });
});

describe("form data", () => {
  it("builds nested rows from dot paths and drops React's internal fields", () => {
    const fd = new FormData();
    fd.set("customerNumber", "1");
    fd.set("rows.0.price", "10");
    fd.set("rows.1.price", "20,5");
    fd.set("rows.0.vat", "25");
    fd.set("$ACTION_ID_abc", "");
    fd.set("__proto__.polluted", "x");
    expect(formDataToObject(fd)).toEqual({ customerNumber: "1", rows: [{ price: "10", vat: "25" }, { price: "20,5" }] });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("field coercion", () => {
  it("reads Swedish and English decimals", () => {
    expect(parseDecimal("1 234,50")).toBe(1234.5);
    expect(parseDecimal("1234.5")).toBe(1234.5);
    expect(parseDecimal("−3")).toBe(-3);
    expect(parseDecimal("12 kr")).toBeNaN();
    expect(parseDecimal("1,2,3")).toBeNaN();
    expect(optionalDecimal({ min: 0 }).parse("")).toBeNull();
    expect(optionalDecimal({ min: 0 }).safeParse("-1").success).toBe(false);
  });

  it("checks organisation numbers with Luhn and normalises them", () => {
    expect(luhnValid("5566402276")).toBe(true);
    expect(organisationNumber.parse("5566402276")).toBe("556640-2276");
    expect(organisationNumber.parse("16556640-2276")).toBe("16556640-2276");
    expect(organisationNumber.parse("198112189876")).toBe("19811218-9876");
    expect(organisationNumber.parse("")).toBeNull();
    expect(organisationNumber.safeParse("556640-2277").error?.issues[0]?.message).toBe("write.err.orgnoChecksum");
    expect(organisationNumber.safeParse("55664-02276").error?.issues[0]?.message).toBe("write.err.orgnoFormat");
  });

  it("collects every issue by path", () => {
    const r = organisationNumber.safeParse("x");
    expect(fieldErrors(r.error!)).toEqual({ _form: ["write.err.orgnoFormat"] });
  });
});
