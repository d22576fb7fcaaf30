import { FortnoxApiError } from "../core/errors";
import type { ApiContext, ApiRoute, StoredRecord, Wire } from "../core/types";
import { formatDay, stockholmEpochDay } from "../seed/dates";
import { applyArticleDefaults, computeInvoice, num, resolveRowAccount } from "../seed/invoice-math";
import { ocrFor } from "../seed/luhn";

import { INVOICE_FIELDS, INVOICE_READONLY, ROW_FIELDS, ROW_READONLY } from "./fields";
import { contains, equals, listRecords, type ListSpec } from "./list-query";
import { cleanFields, missingField, unwrap } from "./validate";
import { str } from "../core/wire";

const today = (now: Date) => formatDay(stockholmEpochDay(now));
const unpaid = (r: Wire) => r.Cancelled !== true && num(r.Balance) !== 0;

const LIST: ListSpec = {
  plural: "Invoices",
  numberField: "DocumentNumber",
  path: "/3/invoices",
  itemFields: ["Balance", "Booked", "Cancelled", "CostCenter", "Currency", "CurrencyRate", "CurrencyUnit", "CustomerName", "CustomerNumber", "DocumentNumber", "DueDate", "ExternalInvoiceReference1", "ExternalInvoiceReference2", "FinalPayDate", "InvoiceDate", "InvoiceType", "NoxFinans", "OCR", "Project", "Sent", "TermsOfPayment", "Total", "VoucherNumber", "VoucherSeries", "VoucherYear", "WayOfDelivery"],
  sorts: { customername: "CustomerName", customernumber: "CustomerNumber", documentnumber: "DocumentNumber", invoicedate: "InvoiceDate", ocr: "OCR", total: "Total" },
  filters: {
    cancelled: (r) => r.Cancelled === true,
    fullypaid: (r) => r.Cancelled !== true && num(r.Balance) === 0,
    unpaid: (r) => unpaid(r),
    unpaidoverdue: (r, now) => unpaid(r) && str(r.DueDate) < today(now),
    unbooked: (r) => r.Booked !== true && r.Cancelled !== true,
  },
  search: {
    customername: contains("CustomerName"),
    customernumber: equals("CustomerNumber"),
    documentnumber: equals("DocumentNumber"),
    ocr: equals("OCR"),
    fromdate: (r, v) => str(r.InvoiceDate) >= v,
    todate: (r, v) => str(r.InvoiceDate) <= v,
    yourreference: contains("YourReference"),
    ourreference: contains("OurReference"),
    credit: (r, v) => (v === "true") === (r.Credit === "true" || r.Credit === true),
    sent: (r, v) => String(r.Sent) === v,
    notcompleted: (r, v) => String(r.NotCompleted === true) === v,
    invoicetype: equals("InvoiceType"),
    project: equals("Project"),
    costcenter: equals("CostCenter"),
    externalinvoicereference1: equals("ExternalInvoiceReference1"),
    externalinvoicereference2: equals("ExternalInvoiceReference2"),
  },
};

export function findInvoice(ctx: ApiContext): StoredRecord {
  const rec = ctx.db.invoices.get(ctx.params.id ?? "");
  if (!rec) throw new FortnoxApiError(404, 2000434, `Kan inte hitta fakturan ${ctx.params.id ?? ""}`);
  return rec;
}

export const singleInvoice = (ctx: ApiContext, r: Wire) => ({
  Invoice: { "@url": `${ctx.baseUrl}/3/invoices/${String(r.DocumentNumber)}`, "@urlTaxReductionList": `${ctx.baseUrl}/3/taxreductions?filter=invoices&referencenumber=${String(r.DocumentNumber)}`, ...r },
});

/** Rows as Fortnox stores them: article defaults, a resolvable account, limits checked. */
function prepareRows(ctx: ApiContext, rows: unknown[], vatIncluded: boolean): Wire[] {
  return rows.map((raw, i) => {
    if (!raw || typeof raw !== "object") throw new FortnoxApiError(400, 2001392, "Ingen eller felaktig typ av data.");
    const row = cleanFields(raw as Wire, ROW_FIELDS, ROW_READONLY);
    const articleNo = typeof row.ArticleNumber === "string" && row.ArticleNumber !== "" ? row.ArticleNumber : undefined;
    const article = articleNo ? ctx.db.articles.get(articleNo)?.data : undefined;
    if (articleNo && !article) throw new FortnoxApiError(400, 2000428, `Artikel ${articleNo} hittades inte (rad ${i + 1})`);
    const filled = applyArticleDefaults(row, article, vatIncluded);
    if (typeof filled.Description === "string" && filled.Description.length > 255) throw new FortnoxApiError(400, 2000587, `Beskrivningen får vara högst 255 tecken (rad ${i + 1})`);
    if (filled.DiscountType !== "AMOUNT" && num(filled.Discount) > 100) throw new FortnoxApiError(400, 2000589, `Rabatten får inte överstiga 100 % (rad ${i + 1})`);
    const account = resolveRowAccount(filled, article, ctx.db.predefinedAccounts);
    if (account === null) throw new FortnoxApiError(400, 2001304, "Kunde inte hitta konto");
    return { ...filled, AccountNumber: account, DeliveredQuantity: str(filled.DeliveredQuantity) || "1", VAT: num(filled.VAT, 25), RowId: i + 1 };
  });
}

/** Apply Fortnox's PUT row rules (fortnox-facts §3.4): by position without RowIds, by RowId with. */
function mergeRows(existing: Wire[], incoming: Wire[]): Wire[] {
  if (!incoming.some((r) => r.RowId !== undefined)) return incoming;
  const byId = new Map(existing.map((r) => [Number(r.RowId), r]));
  return incoming.map((r) => (r.RowId !== undefined && byId.has(Number(r.RowId)) ? { ...byId.get(Number(r.RowId))!, ...r } : r));
}

function create(ctx: ApiContext) {
  const input = cleanFields(unwrap(ctx.body, "Invoice"), INVOICE_FIELDS, INVOICE_READONLY);
  const customerNo = typeof input.CustomerNumber === "string" ? input.CustomerNumber : "";
  if (!customerNo) throw missingField("CustomerNumber");
  const customer = ctx.db.customers.get(customerNo)?.data;
  if (!customer) throw new FortnoxApiError(400, 2000433, `Kan inte hitta kunden ${customerNo}`);
  const vatIncluded = input.VATIncluded === true;
  const rows = prepareRows(ctx, Array.isArray(input.InvoiceRows) ? input.InvoiceRows : [], vatIncluded);
  const number = String(ctx.db.nextDocumentNumber++);
  const invoiceDate = typeof input.InvoiceDate === "string" && input.InvoiceDate ? input.InvoiceDate : today(ctx.now);
  const terms = Number(customer.TermsOfPayment ?? 30) || 30;
  const due = formatDay(Math.floor(Date.parse(`${invoiceDate}T12:00:00Z`) / 86_400_000) + terms);
  const header: Wire = {
    CustomerName: customer.Name, Address1: customer.Address1 ?? "", Address2: customer.Address2 ?? "", ZipCode: customer.ZipCode ?? "", City: customer.City ?? "",
    Country: customer.Country ?? "Sverige", OrganisationNumber: customer.OrganisationNumber ?? "", TermsOfPayment: str(customer.TermsOfPayment) || "30",
    Currency: "SEK", CurrencyRate: 1, CurrencyUnit: 1, InvoiceType: "INVOICE", Language: "SV", Booked: false, Cancelled: false, Sent: false, Credit: "false", CreditInvoiceReference: "0",
    VoucherNumber: 0, VoucherSeries: "", VoucherYear: 0, Reminders: 0, NotCompleted: false, HouseWork: false, NoxFinans: false, WarehouseReady: false, EUQuarterlyReport: false, TaxReduction: 0,
    ...input, DocumentNumber: number, InvoiceDate: invoiceDate, DueDate: input.DueDate ?? due, OCR: ocrFor(number), VATIncluded: vatIncluded,
  };
  const invoice = computeInvoice(header, rows);
  ctx.db.invoices.set(number, { data: invoice, lastModified: ctx.now });
  ctx.emit({ topic: "invoices", type: "invoice-created-v1", entityId: number });
  return { status: 201, body: singleInvoice(ctx, invoice) };
}

function update(ctx: ApiContext) {
  const rec = findInvoice(ctx);
  if (rec.data.Booked === true) throw new FortnoxApiError(400, 2000734, "Fakturan är bokförd och kan inte ändras.");
  if (rec.data.Cancelled === true) throw new FortnoxApiError(400, 2000735, "Fakturan är makulerad och kan inte ändras.");
  const input = cleanFields(unwrap(ctx.body, "Invoice"), INVOICE_FIELDS, INVOICE_READONLY);
  delete input.DocumentNumber;
  const vatIncluded = (input.VATIncluded ?? rec.data.VATIncluded) === true;
  let rows = rec.data.InvoiceRows as Wire[];
  if (Array.isArray(input.InvoiceRows)) rows = prepareRows(ctx, mergeRows(rows, input.InvoiceRows as Wire[]), vatIncluded);
  // All RowIds are regenerated on every update (fortnox-facts §3.4).
  rows = rows.map((r, i) => ({ ...r, RowId: i + 1 }));
  const paid = num(rec.data.Total) - num(rec.data.Balance);
  rec.data = computeInvoice({ ...rec.data, ...input, VATIncluded: vatIncluded }, rows, { paid });
  rec.lastModified = ctx.now;
  ctx.emit({ topic: "invoices", type: "invoice-updated-v1", entityId: String(rec.data.DocumentNumber) });
  return { status: 200, body: singleInvoice(ctx, rec.data) };
}

export const invoiceRoutes: ApiRoute[] = [
  { method: "GET", pattern: "/3/invoices", scope: "invoice", handler: (ctx) => listRecords(ctx, ctx.db.invoices, LIST) },
  { method: "GET", pattern: "/3/invoices/:id", scope: "invoice", handler: (ctx) => ({ status: 200, body: singleInvoice(ctx, findInvoice(ctx).data) }) },
  { method: "POST", pattern: "/3/invoices", scope: "invoice", handler: create },
  { method: "PUT", pattern: "/3/invoices/:id", scope: "invoice", handler: update },
];
