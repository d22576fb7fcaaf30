import { FortnoxApiError } from "../core/errors";
import type { ApiContext, ApiResult, ApiRoute, TestDatabase, Wire } from "../core/types";
import { str } from "../core/wire";
import { formatDay, parseDay, stockholmEpochDay } from "../seed/dates";
import { currencyRate, zeroVatType } from "../seed/foreign";
import { buildHeader } from "../seed/invoice-header";
import { computeInvoice, num } from "../seed/invoice-math";
import { ocrFor } from "../seed/luhn";

import { INVOICE_FIELDS, INVOICE_READONLY } from "./fields";
import { mergeRows, prepareRow, renumberRows, type RowContext } from "./invoice-rows";
import { contains, dateBound, exact, flag, listRecords, type Criterion, type ListSpec } from "./list-query";
import { commit, findRecord, single, type Resource } from "./resource";
import { applyPatch, cleanFields, invalidValue, missingField, presentText, unwrap } from "./validate";

export const INVOICES: Resource = {
  records: (db) => db.invoices,
  wrapper: "Invoice",
  path: "/3/invoices",
  numberField: "DocumentNumber",
  topic: "invoices",
  eventPrefix: "invoice",
  // Live code unknown for invoices; 2000423 is Fortnox's generic "Kan inte hitta …", the text names the invoice.
  notFound: () => new FortnoxApiError(404, 2000423, "Kan inte hitta fakturan."),
  links: (ctx, r) => ({ "@urlTaxReductionList": `${ctx.baseUrl}/3/taxreductions?filter=invoices&referencenumber=${str(r.DocumentNumber)}` }),
};

export const today = (now: Date) => formatDay(stockholmEpochDay(now));
const open = (r: Wire) => r.Cancelled !== true && num(r.Balance) !== 0;
const rows = (r: Wire) => (Array.isArray(r.InvoiceRows) ? (r.InvoiceRows as Wire[]) : []);
const bad = () => new FortnoxApiError(400, 2000588, "Ogiltig parameter i anropet.");

/** A criterion on any row of the invoice. */
const anyRow =
  (test: (row: Wire, value: string) => boolean): Criterion =>
  (value) =>
  (r) =>
    rows(r).some((row) => test(row, value));

/** accountnumberfrom/-to select invoices with a row booked in the range (both bounds apply to the same row). */
const accountRange =
  (side: "from" | "to"): Criterion =>
  (value, query) => {
    const other = query.get(side === "from" ? "accountnumberto" : "accountnumberfrom");
    if (!/^\d+$/.test(value) || (other !== null && !/^\d+$/.test(other))) throw bad();
    if (side === "to" && other !== null) return () => true; // The "from" criterion checks both bounds.
    const lo = side === "from" ? Number(value) : Number.NEGATIVE_INFINITY;
    const hi = side === "to" ? Number(value) : other !== null ? Number(other) : Number.POSITIVE_INFINITY;
    return (r) => rows(r).some((row) => num(row.AccountNumber) >= lo && num(row.AccountNumber) <= hi);
  };

const LIST: ListSpec = {
  plural: "Invoices",
  numberField: "DocumentNumber",
  path: "/3/invoices",
  itemFields: ["Balance", "Booked", "Cancelled", "CostCenter", "Currency", "CurrencyRate", "CurrencyUnit", "CustomerName", "CustomerNumber", "DocumentNumber", "DueDate", "ExternalInvoiceReference1", "ExternalInvoiceReference2", "FinalPayDate", "InvoiceDate", "InvoiceType", "NoxFinans", "OCR", "Project", "Sent", "TermsOfPayment", "Total", "VoucherNumber", "VoucherSeries", "VoucherYear", "WayOfDelivery"],
  sorts: {
    customername: { field: "CustomerName", kind: "text" },
    customernumber: { field: "CustomerNumber", kind: "number" },
    documentnumber: { field: "DocumentNumber", kind: "number" },
    invoicedate: { field: "InvoiceDate", kind: "text" },
    ocr: { field: "OCR", kind: "number" },
    total: { field: "Total", kind: "number" },
  },
  filters: {
    cancelled: () => (r) => r.Cancelled === true,
    fullypaid: () => (r) => r.Cancelled !== true && num(r.Balance) === 0,
    unpaid: () => open,
    unpaidoverdue: (now) => {
      const day = today(now);
      return (r) => open(r) && str(r.DueDate) < day;
    },
    unbooked: () => (r) => r.Booked !== true && r.Cancelled !== true,
  },
  search: {
    costcenter: exact("CostCenter"),
    customername: contains("CustomerName"),
    customernumber: exact("CustomerNumber"),
    label: (value) => {
      if (!/^\d+$/.test(value)) throw bad();
      return (r) => Array.isArray(r.Labels) && (r.Labels as Wire[]).some((l) => num(l.Id) === Number(value));
    },
    documentnumber: exact("DocumentNumber"),
    fromdate: dateBound("InvoiceDate", "from"),
    todate: dateBound("InvoiceDate", "to"),
    fromfinalpaydate: dateBound("FinalPayDate", "from"),
    tofinalpaydate: dateBound("FinalPayDate", "to"),
    notcompleted: flag("NotCompleted"),
    ocr: exact("OCR"),
    ourreference: contains("OurReference"),
    project: exact("Project"),
    sent: flag("Sent"),
    externalinvoicereference1: contains("ExternalInvoiceReference1"),
    externalinvoicereference2: contains("ExternalInvoiceReference2"),
    yourreference: contains("YourReference"),
    invoicetype: exact("InvoiceType", true),
    articlenumber: anyRow((row, v) => str(row.ArticleNumber) === v),
    articledescription: anyRow((row, v) => str(row.Description).toLowerCase().includes(v.toLowerCase())),
    currency: exact("Currency", true),
    accountnumberfrom: accountRange("from"),
    accountnumberto: accountRange("to"),
    yourordernumber: contains("YourOrderNumber"),
    credit: flag("Credit"),
  },
  financialYearField: "InvoiceDate",
};

export const findInvoice = (ctx: ApiContext) => findRecord(ctx, INVOICES);

/** Unit cost per article, for the contribution figures computeInvoice fills. */
export const purchasePriceOf = (db: TestDatabase) => (articleNumber: string) => {
  const a = db.articles.get(articleNumber)?.data;
  return a ? num(a.PurchasePrice) : undefined;
};

/** Days of credit in a terms-of-payment code ("30", "10DAYS"); codes without a number get 30, the usual predefined term. */
const termDays = (terms: unknown) => Number(/^(\d+)/.exec(str(terms))?.[1] ?? 30);
const dueDate = (invoiceDate: string, terms: unknown) => formatDay(parseDay(invoiceDate) + termDays(terms));

const customerNotFound = () => new FortnoxApiError(400, 2000204, "Kunde inte hämta/hitta kund (kundnummer)");

/** Header fields Fortnox copies from the customer card (also when a PUT moves the invoice to another customer). */
const FROM_CUSTOMER: Readonly<Record<string, string>> = { CustomerName: "Name", Address1: "Address1", Address2: "Address2", ZipCode: "ZipCode", City: "City", Country: "Country", OrganisationNumber: "OrganisationNumber", Phone1: "Phone1", Phone2: "Phone2", YourReference: "YourReference", OurReference: "OurReference", TermsOfPayment: "TermsOfPayment" };

function rowContext(db: TestDatabase, header: Wire): RowContext {
  const customer = db.customers.get(str(header.CustomerNumber))?.data;
  return { db, vatIncluded: header.VATIncluded === true, currencyRate: num(header.CurrencyRate, 1) || 1, zeroVat: customer ? zeroVatType(customer) : null };
}

function create(ctx: ApiContext): ApiResult {
  const db = ctx.db;
  const input = cleanFields(unwrap(ctx.body, "Invoice"), INVOICE_FIELDS, INVOICE_READONLY);
  const customerNumber = presentText(input.CustomerNumber);
  if (!customerNumber) throw missingField("CustomerNumber");
  const customer = db.customers.get(customerNumber)?.data;
  if (!customer) throw customerNotFound();

  let number = presentText(input.DocumentNumber);
  if (number !== null && (!/^\d+$/.test(number) || db.invoices.has(number))) throw invalidValue("DocumentNumber", `${number} används redan eller är inte ett nummer`);
  if (number === null) {
    while (db.invoices.has(String(db.nextDocumentNumber))) db.nextDocumentNumber++;
    number = String(db.nextDocumentNumber++);
  } else if (Number(number) >= db.nextDocumentNumber) {
    db.nextDocumentNumber = Number(number) + 1;
  }

  // Omitted values come from the customer and the company's predefined values (the spec's create text).
  const invoiceDate = typeof input.InvoiceDate === "string" ? input.InvoiceDate : today(ctx.now);
  const day = parseDay(invoiceDate);
  const currency = typeof input.Currency === "string" && input.Currency !== "" ? input.Currency : str(customer.Currency) || "SEK";
  const rate = typeof input.CurrencyRate === "number" ? input.CurrencyRate : currencyRate(currency, day);
  const vatIncluded = typeof input.VATIncluded === "boolean" ? input.VATIncluded : customer.ShowPriceVATIncluded === true;
  const status = { sent: false, booked: false, bookedDay: day, cancelled: false, reminders: 0, lastModifiedDay: day };
  const base = buildHeader({ companyName: db.company.CompanyName, companyEmail: db.company.Email }, customer, number, day, status, vatIncluded, currency, rate);
  const { InvoiceRows: rawRows, ...fields } = input;
  const header = applyPatch({ ...base, WarehouseReady: false }, { ...fields, DocumentNumber: number, InvoiceDate: invoiceDate });
  header.DueDate = typeof input.DueDate === "string" ? input.DueDate : dueDate(invoiceDate, header.TermsOfPayment);
  if (typeof input.OCR !== "string" || input.OCR === "") header.OCR = ocrFor(number);

  const rc = rowContext(db, header);
  const prepared = (Array.isArray(rawRows) ? (rawRows as Wire[]) : []).map((r, i) => prepareRow(rc, r, i));
  const invoice = computeInvoice(header, renumberRows(db, prepared), { purchasePriceOf: purchasePriceOf(db) });
  commit(ctx, INVOICES, invoice, "created");
  return { status: 201, body: single(ctx, INVOICES, invoice) };
}

/** Booked and cancelled invoices are locked; changes go through credit invoices. Codes are the sandbox's (Fortnox's are unknown). */
export function assertEditable(inv: Wire, verb: string): void {
  if (inv.Booked === true) throw new FortnoxApiError(400, 2000734, `Faktura ${str(inv.DocumentNumber)} är bokförd och kan inte ${verb}.`);
  if (inv.Cancelled === true) throw new FortnoxApiError(400, 2000735, `Faktura ${str(inv.DocumentNumber)} är makulerad och kan inte ${verb}.`);
}

function update(ctx: ApiContext): ApiResult {
  const db = ctx.db;
  const rec = findInvoice(ctx);
  assertEditable(rec.data, "ändras");
  const input = cleanFields(unwrap(ctx.body, "Invoice"), INVOICE_FIELDS, INVOICE_READONLY);
  delete input.DocumentNumber; // The primary number cannot change.
  // An invoice always has its dates: an empty InvoiceDate/DueDate is ignored rather than clearing them.
  for (const k of ["InvoiceDate", "DueDate"]) if (k in input && input[k] === undefined) delete input[k];
  const { InvoiceRows: rawRows, ...fields } = input;
  let header = applyPatch(rec.data, fields);

  if (fields.CustomerNumber !== undefined && fields.CustomerNumber !== rec.data.CustomerNumber) {
    const customer = db.customers.get(str(fields.CustomerNumber))?.data;
    if (!customer) throw customerNotFound();
    for (const [to, from] of Object.entries(FROM_CUSTOMER)) if (!(to in fields)) header[to] = customer[from] ?? "";
  }
  const datesMoved = "InvoiceDate" in fields || "TermsOfPayment" in fields || "CustomerNumber" in fields;
  if (datesMoved && !("DueDate" in fields)) header.DueDate = dueDate(str(header.InvoiceDate), header.TermsOfPayment);

  const rc = rowContext(db, header);
  const merged = Array.isArray(rawRows) ? mergeRows(rows(rec.data), rawRows as Wire[]).map((r, i) => prepareRow(rc, r, i)) : rows(rec.data);
  // Payments already made stay made: Balance is recomputed as the new Total minus what was paid.
  const paid = num(rec.data.Total) - num(rec.data.Balance);
  header = computeInvoice(header, renumberRows(db, merged), { paid, purchasePriceOf: purchasePriceOf(db) });
  commit(ctx, INVOICES, header, "updated");
  return { status: 200, body: single(ctx, INVOICES, header) };
}

export const invoiceRoutes: ApiRoute[] = [
  { method: "GET", pattern: "/3/invoices", scope: "invoice", handler: (ctx) => listRecords(ctx, ctx.db.invoices, LIST) },
  { method: "GET", pattern: "/3/invoices/:id", scope: "invoice", handler: (ctx) => ({ status: 200, body: single(ctx, INVOICES, findInvoice(ctx).data) }) },
  { method: "POST", pattern: "/3/invoices", scope: "invoice", handler: create },
  { method: "PUT", pattern: "/3/invoices/:id", scope: "invoice", handler: update },
];
