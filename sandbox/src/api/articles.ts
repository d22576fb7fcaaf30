import { apiError, FortnoxApiError } from "../core/errors";
import type { ApiContext, ApiResult, ApiRoute, Wire } from "../core/types";
import { num } from "../seed/invoice-math";

import { ARTICLE_FIELDS, ARTICLE_READONLY, blankRecord } from "./fields";
import { contains, exact, flag, listRecords, type ListSpec } from "./list-query";
import { commit, findRecord, nextFreeNumber, remove, single, type Resource } from "./resource";
import { applyPatch, cleanFields, missingField, presentText, unwrap } from "./validate";

const RESOURCE: Resource = {
  records: (db) => db.articles,
  wrapper: "Article",
  path: "/3/articles",
  numberField: "ArticleNumber",
  topic: "articles",
  eventPrefix: "article",
  notFound: () => new FortnoxApiError(404, 2000428, "Kan inte hitta artikeln."),
};

// ArticleListItem types these numbers as strings, and that is what Fortnox sends in lists.
const STRING_IN_LIST = ["DisposableQuantity", "PurchasePrice", "ReservedQuantity", "SalesPrice", "StockValue", "VAT"];

const LIST: ListSpec = {
  plural: "Articles",
  numberField: "ArticleNumber",
  path: "/3/articles",
  itemFields: ["ArticleNumber", "Description", "DisposableQuantity", "EAN", "Housework", "PurchasePrice", "QuantityInStock", "ReservedQuantity", "SalesPrice", "StockPlace", "StockValue", "Unit", "VAT", "WebshopArticle"],
  itemView: (r) => {
    const out: Wire = { ...r };
    for (const f of STRING_IN_LIST) if (typeof out[f] === "number") out[f] = String(out[f]);
    return out;
  },
  sorts: {
    articlenumber: { field: "ArticleNumber", kind: "number" },
    quantityinstock: { field: "QuantityInStock", kind: "number" },
    reservedquantity: { field: "ReservedQuantity", kind: "number" },
    stockvalue: { field: "StockValue", kind: "number" },
  },
  filters: { active: () => (r) => r.Active !== false, inactive: () => (r) => r.Active === false },
  search: {
    articlenumber: exact("ArticleNumber"),
    description: contains("Description"),
    ean: exact("EAN"),
    suppliernumber: exact("SupplierNumber"),
    manufacturer: contains("Manufacturer"),
    manufacturerarticlenumber: exact("ManufacturerArticleNumber"),
    webshop: flag("WebshopArticle"),
  },
};

/** Stock figures Fortnox derives rather than accepts. */
function withStock(r: Wire): Wire {
  const qty = num(r.QuantityInStock);
  const reserved = num(r.ReservedQuantity);
  return { ...r, DisposableQuantity: qty - reserved, StockValue: Math.round(qty * num(r.PurchasePrice) * 100) / 100 };
}

const DEFAULTS: Wire = { ...blankRecord(ARTICLE_FIELDS), Active: true, HouseworkType: "EMPTYHOUSEWORK", ReservedQuantity: 0, Type: "STOCK", VAT: 25 };

function create(ctx: ApiContext): ApiResult {
  const input = cleanFields(unwrap(ctx.body, "Article"), ARTICLE_FIELDS, ARTICLE_READONLY);
  if (!presentText(input.Description)) throw missingField("Description");
  const db = ctx.db;
  let number = presentText(input.ArticleNumber);
  if (number === null) {
    const free = nextFreeNumber(db.nextArticleNumber, (n) => db.articles.has(n));
    number = free.number;
    db.nextArticleNumber = free.next;
  } else if (db.articles.has(number)) {
    throw apiError("articleNumberUsed");
  }
  const record = withStock(applyPatch(DEFAULTS, { ...input, ArticleNumber: number }));
  // Fortnox fills the sales account from the company's predefined account for the article's VAT rate.
  const predefined = db.predefinedAccounts?.salesByVat[num(record.VAT)];
  if (record.SalesAccount === undefined && predefined !== undefined) record.SalesAccount = predefined;
  commit(ctx, RESOURCE, record, "created");
  return { status: 201, body: single(ctx, RESOURCE, record) };
}

function update(ctx: ApiContext): ApiResult {
  const rec = findRecord(ctx, RESOURCE);
  const input = cleanFields(unwrap(ctx.body, "Article"), ARTICLE_FIELDS, ARTICLE_READONLY);
  delete input.ArticleNumber; // The primary number cannot change (docs/fortnox.md#api-conventions).
  if ("Description" in input && !presentText(input.Description)) throw missingField("Description");
  const record = withStock(applyPatch(rec.data, input));
  commit(ctx, RESOURCE, record, "updated");
  return { status: 200, body: single(ctx, RESOURCE, record) };
}

export const articleRoutes: ApiRoute[] = [
  { method: "GET", pattern: "/3/articles", scope: "article", handler: (ctx) => listRecords(ctx, ctx.db.articles, LIST) },
  { method: "GET", pattern: "/3/articles/:id", scope: "article", handler: (ctx) => ({ status: 200, body: single(ctx, RESOURCE, findRecord(ctx, RESOURCE).data) }) },
  { method: "POST", pattern: "/3/articles", scope: "article", handler: create },
  { method: "PUT", pattern: "/3/articles/:id", scope: "article", handler: update },
  {
    method: "DELETE",
    pattern: "/3/articles/:id",
    scope: "article",
    // Unlike customer numbers, a deleted article's number may be used again (no reservation is known).
    handler: (ctx) => {
      remove(ctx, RESOURCE);
      return { status: 204 };
    },
  },
];
