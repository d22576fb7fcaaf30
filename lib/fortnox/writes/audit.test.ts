import { describe, expect, it } from "vitest";

import { describeWrite } from "./audit";

describe("write-back descriptions for the audit log", () => {
  it("names the resource, record and action from the Fortnox path", () => {
    expect(describeWrite("POST", "/3/customers")).toEqual({ resource: "customers", record: null, action: "create" });
    expect(describeWrite("PUT", "/3/customers/K%201")).toEqual({ resource: "customers", record: "K 1", action: "update" });
    expect(describeWrite("PUT", "/3/invoices/12/bookkeep")).toEqual({ resource: "invoices", record: "12", action: "bookkeep" });
    expect(describeWrite("DELETE", "/3/articles/A-9")).toEqual({ resource: "articles", record: "A-9", action: "delete" });
  });
});
