import { describe, expect, it } from "vitest";

import { articleListSpec } from "./articles";
import { customerListSpec } from "./customers";
import { invoiceListSpec } from "./invoices";
import { PAGER_PARAMS, pageStart, type ListSpec } from "./list-params";

const specs: Record<string, ListSpec<string, unknown>> = { invoices: invoiceListSpec, customers: customerListSpec, articles: articleListSpec };

describe("the pager's URL params", () => {
  // The pager writes its params over the list's own (components/browse/pager.tsx): the invoice
  // list's "from" date once shared its name with the pager's position, and page 2 lost the filter.
  it.each(Object.entries(specs))("are none of the %s list's own params", (_name, spec) => {
    const shape = (spec.filters as unknown as { shape: Record<string, unknown> }).shape;
    const own = ["q", "sort", "dir", "size", ...Object.keys(shape)];
    expect(own.filter((key) => (Object.values(PAGER_PARAMS) as string[]).includes(key))).toEqual([]);
  });

  it("give where a page starts only from the pager's link, and the first page always at 0", () => {
    expect(pageStart({}, false)).toBe(0);
    expect(pageStart({ pos: "50" }, false)).toBe(0);
    expect(pageStart({ pos: "50" }, true)).toBe(50);
    expect(pageStart(new URLSearchParams("pos=75"), true)).toBe(75);
    expect(pageStart({}, true)).toBeNull();
    expect(pageStart({ pos: "-3" }, true)).toBeNull();
    expect(pageStart({ pos: "1e9" }, true)).toBeNull();
    expect(pageStart({ pos: ["25", "50"] }, true)).toBe(25);
    // A date filter is not a position, whatever its name.
    expect(pageStart({ from: "2026-01-01" }, true)).toBeNull();
  });
});
