import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import type { InvoiceListItem } from "@/lib/db/queries/invoices";
import { dictionaries, type MessageKey } from "@/lib/i18n/dictionaries";

import { InvoiceTable } from "./invoice-table";

const t = (key: MessageKey, vars: Record<string, string> = {}) => dictionaries.sv[key].replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? "");
const sort = { path: "/invoices", params: {}, sort: "number", dir: "desc" as const, labels: { asc: "stigande", desc: "fallande" } };
const invoice = (over: Partial<InvoiceListItem>): InvoiceListItem => ({
  id: "00000000-0000-4000-8000-000000000001",
  documentNumber: 4711,
  customerNumber: "K/1?x=2",
  customerName: "<script>alert(1)</script> AB",
  invoiceDate: "2026-11-30",
  dueDate: "2026-12-30",
  currency: "SEK",
  total: 12500.5,
  balance: 12500.5,
  ocr: "4711",
  booked: false,
  cancelled: false,
  credit: false,
  creditInvoiceReference: null,
  sent: false,
  ...over,
});

describe("the invoice list's rows, sent as data and laid out by the client renderer", () => {
  it("renders each row's cells as the server formatted them, with escaped text and encoded links", () => {
    const rows = [invoice({}), invoice({ id: "00000000-0000-4000-8000-000000000002", documentNumber: 4712, credit: true, balance: -200, total: -200 })];
    const html = renderToStaticMarkup(<InvoiceTable rows={rows} sort={sort} today="2026-12-02" size={25} t={t} locale="sv" />);
    // The number is the row's header cell and its keyboard stop; the customer links to their page.
    expect(html).toMatch(/<th scope="row" class="t-th-row"><a data-row-link="true" class="t-link" href="\/invoices\/4711">4711<\/a><\/th>/);
    expect(html).toContain('href="/customers/K%2F1%3Fx%3D2"');
    expect(html).toContain('<span class="t-sub">K/1?x=2</span>');
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; AB");
    expect(html).toContain("2026-11-30");
    expect(html).toContain('<td class="t-td-num">12\u00a0500,50\u00a0kr</td>');
    // An unpaid invoice's state; a credit invoice also carries the credit marker.
    expect(html).toContain(`<span class="badge badge-neutral">${t("invoices.status.unpaid")}</span>`);
    expect(html).toContain(`<span class="badge badge-info">${t("invoices.credit")}</span>`);
    expect(html.match(/<tr>/g)).toHaveLength(3);
  });

  it("says so when there are no rows", () => {
    const html = renderToStaticMarkup(<InvoiceTable rows={[]} sort={sort} today="2026-12-02" size={25} t={t} locale="sv" />);
    expect(html).toContain(t("list.empty"));
  });
});
