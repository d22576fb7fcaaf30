import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import { listView } from "@/lib/browse/list-view";
import { invoiceListSpec, parseInvoiceQuery } from "@/lib/db/queries/invoices";
import { dictionaries, type MessageKey } from "@/lib/i18n/dictionaries";

import { IgnoredParams } from "./ignored-params";

const translator = (locale: "sv" | "en") => (key: MessageKey, vars: Record<string, string> = {}) => dictionaries[locale][key].replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? "");
const items = (html: string) => [...html.matchAll(/<li>(.*?)<\/li>/g)].map((m) => m[1]);
const ignoredOf = (url: string) => listView(invoiceListSpec, parseInvoiceQuery(new URLSearchParams(url)), "invoices", "c1", new URLSearchParams(url)).ignored;

describe("the values a list URL gave that the list could not use", () => {
  it("are those it fell back from, as the URL gave them; the ones it used are not", () => {
    expect(ignoredOf("q=acme&status=paid&from=2026-01-31&size=50")).toEqual([]);
    expect(ignoredOf("q=acme&status=late&from=2026-13-45&size=100000&sort=bogus&customer=7")).toEqual([
      { key: "status", value: "late" },
      { key: "from", value: "2026-13-45" },
      { key: "size", value: "100000" },
      { key: "sort", value: "bogus" },
    ]);
    // The pager's own params are not the list's state.
    expect(ignoredOf("after=forged&pos=abc")).toEqual([]);
  });

  it("are named by their field's label, shown back escaped, without control characters, and cut when long", () => {
    const sv = translator("sv");
    const ignored = [
      { key: "from", value: "2026-13-45" },
      { key: "sort", value: "<script>alert(1)</script>" },
      { key: "q", value: `a\u0000b${"x".repeat(200)}` },
    ];
    const html = renderToStaticMarkup(<IgnoredParams ignored={ignored} labels={{ from: "Fakturadatum från", q: "Sök" }} t={sv} />);
    expect(html).toContain('role="status"');
    expect(html).not.toContain("<script>");
    expect(items(html)).toEqual(["Fakturadatum från: ”2026-13-45”", "Sortering: ”&lt;script&gt;alert(1)&lt;/script&gt;”", `Sök: ”a b${"x".repeat(57)}…”`]);
    expect(renderToStaticMarkup(<IgnoredParams ignored={[]} labels={{}} t={sv} />)).toBe("");
    const noteOnly = renderToStaticMarkup(<IgnoredParams ignored={[]} labels={{}} t={sv} note="Inget kan matcha." />);
    expect(noteOnly).toContain("<p>Inget kan matcha.</p>");
    expect(items(noteOnly)).toEqual([]);
  });
});
