import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import type { InvoiceDetail } from "@/lib/db/queries/invoices";
import { dictionaries, type MessageKey } from "@/lib/i18n/dictionaries";

import { InvoiceRowsTable } from "./invoice-rows-table";

const t = (key: MessageKey, vars: Record<string, string> = {}) => dictionaries.sv[key].replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? "");
const footer = (html: string) => [...html.split("<tfoot")[1]!.matchAll(/<th[^>]*>(.*?)<\/th><td[^>]*>(.*?)<\/td>/g)].map((m) => `${m[1]} ${m[2]!.replace(/\s/g, " ")}`);

const invoice = (roundOff: number | null) => ({ currency: "SEK", net: 25196, totalVat: 6242.19, total: 31438, roundOff, rows: [] }) as unknown as NonNullable<InvoiceDetail>;

describe("an invoice's totals under its rows", () => {
  it("add up: Fortnox's rounding of the total (öresavrundning) has a line of its own, and only when there is one", () => {
    expect(footer(renderToStaticMarkup(<InvoiceRowsTable invoice={invoice(-0.19)} t={t} locale="sv" />))).toEqual([
      "Netto 25 196,00 kr",
      "Moms 6 242,19 kr",
      "Öresavrundning −0,19 kr",
      "Totalt 31 438,00 kr",
    ]);
    expect(footer(renderToStaticMarkup(<InvoiceRowsTable invoice={invoice(null)} t={t} locale="sv" />)).map((l) => l.split(" ")[0])).toEqual(["Netto", "Moms", "Totalt"]);
  });
});
