import { describe, expect, it } from "vitest";

import { fieldErrors } from "@/lib/forms/fields";

import { createCustomerSchema, updateCustomerSchema } from "./schema";

describe("customer form schema", () => {
  it("accepts a minimal new customer; blanks become null", () => {
    expect(createCustomerSchema.parse({ name: " Acme AB ", customerNumber: "", email: "", organisationNumber: "", type: "" })).toMatchObject({
      name: "Acme AB",
      customerNumber: null,
      email: null,
      organisationNumber: null,
      type: null,
      phone: null,
    });
  });

  it("returns every field error at once", () => {
    const r = createCustomerSchema.safeParse({ name: "", email: "not-an-email", organisationNumber: "556640-2277", zipCode: "12345678901", type: "ROBOT" });
    expect(r.success).toBe(false);
    expect(fieldErrors(r.error!)).toEqual({
      name: ["write.err.required"],
      email: ["write.err.email"],
      organisationNumber: ["write.err.orgnoChecksum"],
      zipCode: ["write.err.tooLong?max=10"],
      type: ["write.err.customerType"],
    });
  });

  it("edit: the number is required and an unticked checkbox means inactive", () => {
    expect(updateCustomerSchema.parse({ customerNumber: "12", name: "B" })).toMatchObject({ customerNumber: "12", active: false });
    expect(updateCustomerSchema.parse({ customerNumber: "12", name: "B", active: "on" }).active).toBe(true);
    expect(updateCustomerSchema.safeParse({ name: "B" }).success).toBe(false);
  });
});
