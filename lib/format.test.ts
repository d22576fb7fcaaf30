import { describe, expect, it } from "vitest";

import { formatDate, formatDateTime, formatDateTimeSeconds, formatDecimal, formatMoney, formatNumber, formatOrganisationNumber, todayInStockholm } from "./format";

describe("Swedish formatting", () => {
  it("formats organisation numbers and personnummer", () => {
    expect(formatOrganisationNumber("5566778899")).toBe("556677-8899");
    expect(formatOrganisationNumber("556677-8899")).toBe("556677-8899");
    expect(formatOrganisationNumber("198112189876")).toBe("19811218-9876");
    expect(formatOrganisationNumber("abc")).toBe("abc");
  });

  it("formats SEK with Swedish separators and other currencies by code", () => {
    expect(formatMoney(1234567.5).replace(/\s/g, " ")).toBe("1 234 567,50 kr");
    expect(formatMoney(-99, "EUR").replace(/\s/g, " ")).toMatch(/^[−-]99,00 €$/);
  });

  it("formats dates as YYYY-MM-DD in Stockholm time", () => {
    expect(formatDate("2026-03-29")).toBe("2026-03-29");
    expect(formatDate(new Date("2026-10-24T23:30:00Z"))).toBe("2026-10-25");
    expect(formatDate(null)).toBe("–");
  });

  it("formats times as YYYY-MM-DD HH:MM in Stockholm time, in English too", () => {
    const at = new Date("2026-12-03T07:06:09Z");
    expect(formatDateTime(at, "sv")).toBe("2026-12-03 08:06");
    expect(formatDateTime(at, "en")).toBe("2026-12-03 08:06");
    expect(formatDateTimeSeconds(at, "en")).toBe("2026-12-03 08:06:09");
  });

  it("knows today's date in Stockholm across midnight UTC", () => {
    expect(todayInStockholm(new Date("2026-06-30T22:30:00Z"))).toBe("2026-07-01");
    expect(todayInStockholm(new Date("2026-01-15T22:59:00Z"))).toBe("2026-01-15");
  });

  it("formats plain numbers with Swedish separators in both languages, as amounts are", () => {
    expect(formatNumber(1234.5, "sv").replace(/\s/g, " ")).toBe("1 234,5");
    expect(formatNumber(1234.5, "en").replace(/\s/g, " ")).toBe("1 234,5");
    expect(formatMoney(2500, "SEK", "en").replace(/\s/g, " ")).toBe("2 500,00 kr");
    expect(formatNumber(null)).toBe("–");
  });

  it("formats machine-readable decimals with a decimal comma in Swedish", () => {
    expect(formatDecimal(1234.5, "sv", 2)).toBe("1234,50");
    expect(formatDecimal(-0.25, "en", 2)).toBe("-0.25");
    expect(formatDecimal(2.5, "sv")).toBe("2,5");
    expect(formatDecimal(null, "sv")).toBe("");
  });
});
