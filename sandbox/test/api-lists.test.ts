import { describe, expect, it } from "vitest";

import { parseStockholm } from "../src/api/list-query";
import type { Wire } from "../src/core/types";

import { BASE, call, list, makeDb, meta, NOW } from "./api-context";

const db1234 = makeDb({ customers: 1234, articles: 5, invoices: 0 });
const db = makeDb({ customers: 60, articles: 40, invoices: 400 });
const invoiceOf = (item: Wire) => db.invoices.get(String(item.DocumentNumber))!.data;

describe("paging", () => {
  it("returns every one of 1,234 customers exactly once over pages of 500, with correct meta", () => {
    const seen: string[] = [];
    for (let page = 1; page <= 3; page++) {
      const r = call(db1234, "GET", `/3/customers?limit=500&page=${page}`);
      expect(meta(r)).toEqual({ "@TotalResources": 1234, "@TotalPages": 3, "@CurrentPage": page });
      seen.push(...list(r, "Customers").map((c) => String(c.CustomerNumber)));
    }
    expect(seen).toHaveLength(1234);
    expect(new Set(seen).size).toBe(1234);
    expect(seen.slice(0, 3)).toEqual(["1", "2", "3"]);
    expect(seen[1233]).toBe("1234");
  });

  it("defaults to 100 per page, allows 500, rejects 501, 0 and non-numbers with 2000588", () => {
    expect(list(call(db1234, "GET", "/3/customers"), "Customers")).toHaveLength(100);
    expect(meta(call(db1234, "GET", "/3/customers"))["@TotalPages"]).toBe(13);
    expect(list(call(db1234, "GET", "/3/customers?limit=500"), "Customers")).toHaveLength(500);
    for (const q of ["limit=501", "limit=0", "limit=abc", "limit=-1", "page=0", "page=x", "offset=-3"]) {
      expect(call(db1234, "GET", `/3/customers?${q}`).error, q).toEqual({ code: 2000588, message: "Ogiltig parameter i anropet." });
    }
  });

  it("answers a page beyond the last with an empty list and honest meta; offset skips records", () => {
    const beyond = call(db1234, "GET", "/3/customers?limit=500&page=9");
    expect(list(beyond, "Customers")).toEqual([]);
    expect(meta(beyond)).toEqual({ "@TotalResources": 1234, "@TotalPages": 3, "@CurrentPage": 9 });
    expect(list(call(db1234, "GET", "/3/customers?limit=2&offset=10"), "Customers").map((c) => c.CustomerNumber)).toEqual(["11", "12"]);
    const none = call(db1234, "GET", "/3/customers?name=zzzzqqq");
    expect(meta(none)).toEqual({ "@TotalResources": 0, "@TotalPages": 0, "@CurrentPage": 1 });
  });

  it("puts an absolute @url on every item", () => {
    const c = list(call(db1234, "GET", "/3/customers?limit=1"), "Customers")[0]!;
    expect(c["@url"]).toBe(`${BASE}/3/customers/1`);
    const a = list(call(db, "GET", "/3/articles?limit=1"), "Articles")[0]!;
    expect(a["@url"]).toBe(`${BASE}/3/articles/${String(a.ArticleNumber)}`);
    const i = list(call(db, "GET", "/3/invoices?limit=1"), "Invoices")[0]!;
    expect(i["@url"]).toBe(`${BASE}/3/invoices/1`);
  });
});

describe("sorting", () => {
  it("orders numbers numerically by default and reverses exactly on descending", () => {
    const asc = list(call(db, "GET", "/3/invoices?limit=500"), "Invoices").map((i) => Number(i.DocumentNumber));
    expect(asc).toEqual([...asc].sort((a, b) => a - b));
    const desc = list(call(db, "GET", "/3/invoices?limit=500&sortby=documentnumber&sortorder=descending"), "Invoices").map((i) => Number(i.DocumentNumber));
    expect(desc).toEqual([...asc].reverse());
  });

  it("sorts names in Swedish order (å ä ö last) and totals numerically, both directions", () => {
    const sv = new Intl.Collator("sv");
    const names = list(call(db, "GET", "/3/customers?sortby=name&limit=500"), "Customers").map((c) => String(c.Name));
    expect(names).toEqual([...names].sort(sv.compare));
    const desc = list(call(db, "GET", "/3/customers?sortby=name&sortorder=descending&limit=500"), "Customers").map((c) => String(c.Name));
    expect(desc).toEqual([...names].reverse());
    const totals = list(call(db, "GET", "/3/invoices?sortby=total&sortorder=descending&limit=500"), "Invoices").map((i) => Number(i.Total));
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
    const dates = list(call(db, "GET", "/3/invoices?sortby=invoicedate&limit=500"), "Invoices").map((i) => String(i.InvoiceDate));
    expect(dates).toEqual([...dates].sort());
    const stock = list(call(db, "GET", "/3/articles?sortby=stockvalue&limit=500"), "Articles").map((a) => Number(a.StockValue));
    expect(stock).toEqual([...stock].sort((a, b) => a - b));
  });

  it("rejects sortby values outside the resource's enum and unknown sortorder", () => {
    expect(call(db, "GET", "/3/customers?sortby=city").error?.code).toBe(2000588);
    expect(call(db, "GET", "/3/invoices?sortby=duedate").error?.code).toBe(2000588);
    expect(call(db, "GET", "/3/invoices?sortorder=up").error?.code).toBe(2000588);
  });
});

describe("filters", () => {
  it("customers and articles: active and inactive partition the register", () => {
    for (const [path, key] of [["customers", "Customers"], ["articles", "Articles"]] as const) {
      const all = meta(call(db, "GET", `/3/${path}`))["@TotalResources"]!;
      const active = meta(call(db, "GET", `/3/${path}?filter=active`))["@TotalResources"]!;
      const inactive = list(call(db, "GET", `/3/${path}?filter=inactive&limit=500`), key);
      expect(active + inactive.length).toBe(all);
      const table = path === "customers" ? db.customers : db.articles;
      for (const item of inactive) expect(table.get(String(item[path === "customers" ? "CustomerNumber" : "ArticleNumber"]))!.data.Active).toBe(false);
    }
  });

  it("invoices: each filter selects exactly the invoices in that state", () => {
    const today = "2026-03-10";
    const every = [...db.invoices.values()].map((r) => r.data);
    const open = (d: Wire) => d.Cancelled !== true && Number(d.Balance) !== 0;
    const expected: Record<string, (d: Wire) => boolean> = {
      cancelled: (d) => d.Cancelled === true,
      fullypaid: (d) => d.Cancelled !== true && Number(d.Balance) === 0,
      unpaid: open,
      unpaidoverdue: (d) => open(d) && String(d.DueDate) < today,
      unbooked: (d) => d.Booked !== true && d.Cancelled !== true,
    };
    for (const [filter, pred] of Object.entries(expected)) {
      const items = list(call(db, "GET", `/3/invoices?filter=${filter}&limit=500`), "Invoices");
      expect(items.length, filter).toBe(every.filter(pred).length);
      for (const item of items) expect(pred(invoiceOf(item)), `${filter} ${String(item.DocumentNumber)}`).toBe(true);
    }
    expect(every.filter(expected.unpaidoverdue!).length).toBeGreaterThan(0);
    expect(call(db, "GET", "/3/invoices?filter=nonsense").error?.code).toBe(2000588);
    expect(call(db, "GET", "/3/customers?filter=unpaid").error?.code).toBe(2000588);
  });
});

describe("search fields", () => {
  it("customers: names and text by case-insensitive substring, numbers exactly, phone by digits", () => {
    const c = db.customers.get("7")!.data;
    const name = String(c.Name);
    const part = name.slice(1, 5).toUpperCase();
    const byName = list(call(db, "GET", `/3/customers?name=${encodeURIComponent(part)}&limit=500`), "Customers");
    expect(byName.map((x) => x.CustomerNumber)).toContain("7");
    for (const x of byName) expect(String(x.Name).toLowerCase()).toContain(part.toLowerCase());
    expect(list(call(db, "GET", "/3/customers?customernumber=1"), "Customers").map((x) => x.CustomerNumber)).toEqual(["1"]);
    expect(list(call(db, "GET", `/3/customers?organisationnumber=${String(c.OrganisationNumber).slice(0, 8)}`), "Customers").map((x) => x.CustomerNumber)).toContain("7");
    expect(list(call(db, "GET", `/3/customers?email=${encodeURIComponent(String(c.Email).toUpperCase())}`), "Customers").map((x) => x.CustomerNumber)).toContain("7");
    expect(list(call(db, "GET", `/3/customers?city=${encodeURIComponent(String(c.City))}`), "Customers").every((x) => x.City === c.City)).toBe(true);
    expect(list(call(db, "GET", `/3/customers?zipcode=${encodeURIComponent(String(c.ZipCode))}`), "Customers").map((x) => x.CustomerNumber)).toContain("7");
    const digits = String(c.Phone1).replace(/\D/g, "");
    const byPhone = list(call(db, "GET", `/3/customers?phone=${digits}`), "Customers");
    expect(byPhone.map((x) => x.CustomerNumber)).toContain("7");
    expect(byPhone.find((x) => x.CustomerNumber === "7")!.Phone).toBe(c.Phone1);
  });

  it("articles: description, number, ean, manufacturer, webshop", () => {
    const withEan = [...db.articles.values()].map((r) => r.data).find((a) => a.EAN !== "")!;
    expect(list(call(db, "GET", `/3/articles?ean=${String(withEan.EAN)}`), "Articles").map((a) => a.ArticleNumber)).toEqual([withEan.ArticleNumber]);
    expect(list(call(db, "GET", "/3/articles?articlenumber=3"), "Articles").map((a) => a.ArticleNumber)).toEqual(["3"]);
    const word = String(withEan.Description).split(/[ ,]/)[0]!.toLowerCase();
    for (const a of list(call(db, "GET", `/3/articles?description=${encodeURIComponent(word)}`), "Articles")) expect(String(a.Description).toLowerCase()).toContain(word);
    const webshop = list(call(db, "GET", "/3/articles?webshop=true&limit=500"), "Articles");
    for (const a of webshop) expect(a.WebshopArticle).toBe(true);
    expect(call(db, "GET", "/3/articles?webshop=yes").error?.code).toBe(2000588);
    const withMaker = [...db.articles.values()].map((r) => r.data).find((a) => a.Manufacturer !== "")!;
    expect(list(call(db, "GET", `/3/articles?manufacturer=${encodeURIComponent(String(withMaker.Manufacturer).toLowerCase())}`), "Articles").length).toBeGreaterThan(0);
  });

  it("invoices: customer, numbers, OCR, date range, references, flags, type, rows", () => {
    const inv = db.invoices.get("12")!.data;
    const byCustomer = list(call(db, "GET", `/3/invoices?customernumber=${String(inv.CustomerNumber)}&limit=500`), "Invoices");
    expect(byCustomer.every((i) => i.CustomerNumber === inv.CustomerNumber)).toBe(true);
    expect(byCustomer.map((i) => i.DocumentNumber)).toContain("12");
    const nameBit = String(inv.CustomerName).slice(0, 4).toLowerCase();
    expect(list(call(db, "GET", `/3/invoices?customername=${encodeURIComponent(nameBit)}&limit=500`), "Invoices").every((i) => String(i.CustomerName).toLowerCase().includes(nameBit))).toBe(true);
    expect(list(call(db, "GET", "/3/invoices?documentnumber=12"), "Invoices").map((i) => i.DocumentNumber)).toEqual(["12"]);
    expect(list(call(db, "GET", `/3/invoices?ocr=${String(inv.OCR)}`), "Invoices").map((i) => i.DocumentNumber)).toEqual(["12"]);
    const from = "2025-06-01";
    const to = "2025-08-31";
    const ranged = list(call(db, "GET", `/3/invoices?fromdate=${from}&todate=${to}&limit=500`), "Invoices");
    expect(ranged.length).toBe([...db.invoices.values()].filter((r) => String(r.data.InvoiceDate) >= from && String(r.data.InvoiceDate) <= to).length);
    expect(call(db, "GET", "/3/invoices?fromdate=2025-13-01").error?.code).toBe(2000588);
    const ref = String(inv.YourReference).split(" ")[0]!;
    expect(list(call(db, "GET", `/3/invoices?yourreference=${encodeURIComponent(ref)}&limit=500`), "Invoices").map((i) => i.DocumentNumber)).toContain("12");
    const credits = list(call(db, "GET", "/3/invoices?credit=true&limit=500"), "Invoices");
    expect(credits.length).toBeGreaterThan(0);
    for (const c of credits) expect(invoiceOf(c).Credit).toBe("true");
    for (const s of list(call(db, "GET", "/3/invoices?sent=false&limit=500"), "Invoices")) expect(s.Sent).toBe(false);
    expect(meta(call(db, "GET", "/3/invoices?notcompleted=false"))["@TotalResources"]).toBe(db.invoices.size);
    expect(meta(call(db, "GET", "/3/invoices?invoicetype=invoice"))["@TotalResources"]).toBe(db.invoices.size);
    const article = String((inv.InvoiceRows as Wire[])[0]!.ArticleNumber);
    for (const i of list(call(db, "GET", `/3/invoices?articlenumber=${article}&limit=500`), "Invoices")) {
      expect((invoiceOf(i).InvoiceRows as Wire[]).some((r) => r.ArticleNumber === article)).toBe(true);
    }
    for (const i of list(call(db, "GET", "/3/invoices?accountnumberfrom=3002&accountnumberto=3002&limit=500"), "Invoices")) {
      expect((invoiceOf(i).InvoiceRows as Wire[]).some((r) => r.AccountNumber === 3002)).toBe(true);
    }
  });

  it("rejects parameters the resource does not have (phone1, customername on customers) with 2000588", () => {
    expect(call(db, "GET", "/3/customers?phone1=070").error?.code).toBe(2000588);
    expect(call(db, "GET", "/3/customers?customername=ab").error?.code).toBe(2000588);
    expect(call(db, "GET", "/3/articles?name=x").error?.code).toBe(2000588);
    expect(call(db, "GET", "/3/invoices?financialyeardate=2025-05-01&limit=500").status).toBe(200);
    expect(list(call(db, "GET", "/3/invoices?financialyeardate=2025-05-01&limit=500"), "Invoices").every((i) => String(i.InvoiceDate).startsWith("2025"))).toBe(true);
  });
});

describe("lastmodified (Stockholm wall-clock time)", () => {
  it("parses winter, summer, seconds and both DST changes", () => {
    expect(parseStockholm("2026-01-15 10:00")!.toISOString()).toBe("2026-01-15T09:00:00.000Z");
    expect(parseStockholm("2026-07-15 10:00")!.toISOString()).toBe("2026-07-15T08:00:00.000Z");
    expect(parseStockholm("2026-07-15 10:00:30")!.toISOString()).toBe("2026-07-15T08:00:30.000Z");
    // Spring forward 2026-03-29: 02:00 CET jumps to 03:00 CEST.
    expect(parseStockholm("2026-03-29 01:59")!.toISOString()).toBe("2026-03-29T00:59:00.000Z");
    expect(parseStockholm("2026-03-29 03:00")!.toISOString()).toBe("2026-03-29T01:00:00.000Z");
    expect(parseStockholm("2026-03-29 02:30")!.toISOString()).toBe("2026-03-29T01:30:00.000Z");
    // Fall back 2026-10-25: 02:00–03:00 happens twice; the earlier instant never skips changes.
    expect(parseStockholm("2026-10-25 02:30")!.toISOString()).toBe("2026-10-25T00:30:00.000Z");
    expect(parseStockholm("2026-10-25 03:00")!.toISOString()).toBe("2026-10-25T02:00:00.000Z");
    for (const bad of ["yesterday", "2026-13-01 10:00", "2026-02-30 10:00", "2026-01-01 24:00", "25/10/2026"]) expect(parseStockholm(bad), bad).toBeNull();
  });

  it("returns records changed at or after the instant, across the spring and autumn changes", () => {
    const d = makeDb({ customers: 6, articles: 1, invoices: 0 });
    const stamps = ["2026-03-29T00:59:00Z", "2026-03-29T01:00:00Z", "2026-03-29T01:30:00Z", "2026-10-25T00:30:00Z", "2026-10-25T01:30:00Z", "2026-10-25T02:00:00Z"];
    stamps.forEach((s, i) => (d.customers.get(String(i + 1))!.lastModified = new Date(s)));
    const since = (v: string) => list(call(d, "GET", `/3/customers?lastmodified=${encodeURIComponent(v)}`), "Customers").map((c) => c.CustomerNumber);
    expect(since("2026-03-29 01:59")).toEqual(["1", "2", "3", "4", "5", "6"]);
    expect(since("2026-03-29 03:00")).toEqual(["2", "3", "4", "5", "6"]);
    expect(since("2026-03-29 03:30:01")).toEqual(["4", "5", "6"]);
    expect(since("2026-10-25 02:30")).toEqual(["4", "5", "6"]);
    expect(since("2026-10-25 03:00")).toEqual(["6"]);
    expect(call(d, "GET", "/3/customers?lastmodified=yesterday").error?.code).toBe(2000588);
  });

  it("combines with a filter, and sees writes stamped with the sandbox clock", () => {
    const d = makeDb();
    const later = new Date(NOW.getTime() + 3_600_000);
    call(d, "PUT", "/3/customers/3", { body: { Customer: { City: "Visby" } }, now: later });
    const changed = list(call(d, "GET", "/3/customers?lastmodified=2026-03-10 11:30&filter=active"), "Customers");
    expect(changed.map((c) => c.CustomerNumber)).toEqual(d.customers.get("3")!.data.Active === false ? [] : ["3"]);
  });
});

describe("scale", () => {
  // Correctness at the size the demo's largest company has; speed is not asserted here (timed tests
  // fail on a busy machine and prove nothing on a quiet one).
  it("lists 100k invoices sorted by name, and filters them, with exact totals", { timeout: 120_000 }, () => {
    const big = makeDb({ customers: 2000, articles: 200, invoices: 100_000 });
    const r = call(big, "GET", "/3/invoices?sortby=customername&sortorder=descending&limit=500&page=7");
    expect(meta(r)["@TotalResources"]).toBe(100_000);
    const names = (r.body as { Invoices: { CustomerName: string }[] }).Invoices.map((i) => i.CustomerName);
    expect(names).toHaveLength(500);
    expect([...names].sort((a, b) => b.localeCompare(a, "sv"))).toEqual(names);
    expect(meta(call(big, "GET", "/3/invoices?filter=unpaid&customername=ab"))["@CurrentPage"]).toBe(1);
  });
});
