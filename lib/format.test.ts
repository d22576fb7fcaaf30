import { describe, expect, it } from "vitest";

import { formatDate, formatMoney, formatOrganisationNumber } from "./format";

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
});
