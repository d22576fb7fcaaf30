import { describe, expect, it } from "vitest";

import { isCalendarDate } from "./dates";
import { identityNumberProblem, luhnValid, normaliseIdentityNumber } from "./identity";
import { parseDocumentNumber, parseRecordKey, parseUuid } from "./params";
import { cleanJson, hasForbiddenCharacters, needsCleaning, searchText, storableText } from "./text";

describe("text", () => {
  it("refuses controls on writes; line breaks only where multiline", () => {
    expect(hasForbiddenCharacters("Kaffe AB")).toBe(false);
    expect(hasForbiddenCharacters("Kaffe\u0000AB")).toBe(true);
    expect(hasForbiddenCharacters("a\u001fb")).toBe(true);
    expect(hasForbiddenCharacters("a\u007fb")).toBe(true);
    expect(hasForbiddenCharacters("a\u0085b")).toBe(true);
    expect(hasForbiddenCharacters("rad 1\nrad 2")).toBe(true);
    expect(hasForbiddenCharacters("rad 1\nrad 2\ttab", { multiline: true })).toBe(false);
    expect(hasForbiddenCharacters("a\ud800b")).toBe(true);
    expect(hasForbiddenCharacters("emoji 😀 åäö")).toBe(false);
    expect(hasForbiddenCharacters("Kaffe\u202eBA effaK")).toBe(true);
    expect(hasForbiddenCharacters("a\u2066b\u2069")).toBe(true);
    expect(hasForbiddenCharacters("مقهى \u200fשלום")).toBe(false);
  });

  it("cleans what PostgreSQL cannot store, keys included, and copies nothing otherwise", () => {
    expect(storableText("Kaffe\u0000AB")).toBe("KaffeAB");
    expect(storableText("x\udc00y")).toBe("x\ufffdy");
    const clean = { Name: "A", Rows: [{ D: "b" }] };
    expect(cleanJson(clean)).toBe(clean);
    const dirty = { Name: "Nul\u0000l", Rows: [{ "K\u0000": "\u0000" }], N: 1, B: null };
    expect(needsCleaning(dirty)).toBe(true);
    expect(cleanJson(dirty)).toEqual({ Name: "Null", Rows: [{ K: "" }], N: 1, B: null });
    expect(JSON.stringify(cleanJson(dirty))).not.toContain("\\u0000");
  });

  it("reads search terms leniently", () => {
    expect(searchText("\u0000")).toBe("");
    expect(searchText(" kaffe\u0000 ")).toBe("kaffe");
    expect(searchText("x".repeat(500))).toHaveLength(100);
  });
});

describe("dates", () => {
  it("accepts only real calendar dates, without throwing", () => {
    expect(isCalendarDate("2024-02-29")).toBe(true);
    expect(isCalendarDate("2025-02-29")).toBe(false);
    expect(isCalendarDate("2025-13-01")).toBe(false);
    expect(isCalendarDate("2025-02-32")).toBe(false);
    expect(isCalendarDate("2025-04-31")).toBe(false);
    expect(isCalendarDate("2000-02-29")).toBe(true);
    expect(isCalendarDate("1900-02-29")).toBe(false);
    expect(isCalendarDate("0000-01-01")).toBe(false);
    expect(isCalendarDate("2025-1-01")).toBe(false);
  });
});

describe("Swedish identity numbers", () => {
  it("accepts organisation numbers and personnummer in 10 or 12 digits", () => {
    expect(luhnValid("5566402276")).toBe(true);
    for (const ok of ["556640-2276", "5566402276", "16556640-2276", "811218-9876", "19811218-9876", "198112189876", "811218+9876", "811278-9873"]) {
      expect([ok, identityNumberProblem(ok)]).toEqual([ok, null]);
    }
    expect(normaliseIdentityNumber("5566402276")).toBe("556640-2276");
    expect(normaliseIdentityNumber("198112189876")).toBe("19811218-9876");
    expect(normaliseIdentityNumber("811218+9876")).toBe("811218+9876");
  });

  it("refuses 000000-0000, bad check digits, impossible dates and misplaced centuries", () => {
    expect(luhnValid("0000000000")).toBe(true);
    expect(identityNumberProblem("000000-0000")).toBe("invalid");
    expect(identityNumberProblem("556640-2277")).toBe("checksum");
    expect(identityNumberProblem("55664-02276")).toBe("format");
    expect(identityNumberProblem("19811218+9876")).toBe("format");
    expect(identityNumberProblem("556640+2276")).toBe("invalid");
    expect(identityNumberProblem("19556640-2276")).toBe("invalid");
    expect(identityNumberProblem("16811218-9876")).toBe("invalid");
    // 2023-02-29 does not exist; 2024-02-29 does.
    expect(identityNumberProblem(withCheck("20230229-000"))).toBe("invalid");
    expect(identityNumberProblem(withCheck("240229-000"))).toBeNull();
    expect(identityNumberProblem(withCheck("20240229-000"))).toBeNull();
    expect(identityNumberProblem(withCheck("811300-123"))).toBe("invalid");
  });
});

/** Append the Luhn check digit to nine digits (plus separators/century). */
function withCheck(s: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid((s + d).replace(/\D/g, "").slice(-10))) return s + d;
  throw new Error("unreachable");
}

describe("ids", () => {
  it("parses UUIDs, record keys and document numbers, or answers null", () => {
    expect(parseUuid("0B6A7D3C-1E2F-4A5B-8C9D-0E1F2A3B4C5D")).toBe("0b6a7d3c-1e2f-4a5b-8c9d-0e1f2a3b4c5d");
    expect(parseUuid("x")).toBeNull();
    expect(parseUuid("0b6a7d3c-1e2f-4a5b-8c9d-0e1f2a3b4c5d\u0000")).toBeNull();
    expect(parseRecordKey("K%C3%96")).toBe("KÖ");
    expect(parseRecordKey("%")).toBe("%");
    expect(parseRecordKey("%00")).toBeNull();
    expect(parseRecordKey("x".repeat(51))).toBeNull();
    expect(parseDocumentNumber("42")).toBe(42);
    expect(parseDocumentNumber("0")).toBeNull();
    expect(parseDocumentNumber("99999999999999999999")).toBeNull();
    expect(parseDocumentNumber("1e3")).toBeNull();
  });
});
