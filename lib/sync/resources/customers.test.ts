import { describe, expect, it } from "vitest";

import { customerTypeFromNumber } from "./customers";

describe("customer type from the organisation number (list items carry no Type)", () => {
  it("a personnummer has a birth month where an organisationsnummer's third digit is 2 or more", () => {
    expect(customerTypeFromNumber("556677-8899")).toBe("COMPANY");
    expect(customerTypeFromNumber("802481-1658")).toBe("COMPANY");
    expect(customerTypeFromNumber("850709-9805")).toBe("PRIVATE");
    expect(customerTypeFromNumber("19850709-9805")).toBe("PRIVATE");
    expect(customerTypeFromNumber("16556677-8899")).toBe("COMPANY");
  });

  it("says nothing when the number is missing or malformed", () => {
    expect(customerTypeFromNumber(null)).toBeNull();
    expect(customerTypeFromNumber("")).toBeNull();
    expect(customerTypeFromNumber("12345")).toBeNull();
  });
});
