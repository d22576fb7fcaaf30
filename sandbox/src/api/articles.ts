import { apiError, FortnoxApiError } from "../core/errors";
import type { ApiContext, ApiRoute, StoredRecord, Wire } from "../core/types";

import { ARTICLE_FIELDS, ARTICLE_READONLY } from "./fields";
import { contains, equals, listRecords, type ListSpec } from "./list-query";
import { cleanFields, missingField, unwrap } from "./validate";

const LIST: ListSpec = {
  plural: "Articles",
  numberField: "ArticleNumber",
  path: "/3/articles",
  itemFields: ["ArticleNumber", "Description", "DisposableQuantity", "EAN", "Housework", "PurchasePrice", "QuantityInStock", "ReservedQuantity", "SalesPrice", "StockPlace", "StockValue", "Unit", "VAT", "WebshopArticle"],
  sorts: { articlenumber: "ArticleNumber", quantityinstock: "QuantityInStock", reservedquantity: "ReservedQuantity", stockvalue: "StockValue" },
  filters: { active: (r) => r.Active === true, inactive: (r) => r.Active !== true },
  search: {
    articlenumber: equals("ArticleNumber"),
    description: contains("Description"),
    ean: equals("EAN"),
    suppliernumber: equals("SupplierNumber"),
    manufacturer: contains("Manufacturer"),
    manufacturerarticlenumber: equals("ManufacturerArticleNumber"),
    webshop: (r, v) => String(r.WebshopArticle) === v,
  },
};

// The spec types these list-item numbers as strings: that is what Fortnox sends.
const STRING_IN_LIST = ["DisposableQuantity", "PurchasePrice", "ReservedQuantity", "SalesPrice", "StockValue", "VAT"];
const listView = (r: Wire): Wire => {
  const out = { ...r };
  for (const f of STRING_IN_LIST) if (typeof out[f] === "number") out[f] = String(out[f]);
  return out;
};

function find(ctx: ApiContext): StoredRecord {
  const rec = ctx.db.articles.get(ctx.params.id ?? "");
  if (!rec) throw new FortnoxApiError(404, 2000428, `Kan inte hitta artikeln ${ctx.params.id ?? ""}`);
  return rec;
}

const single = (ctx: ApiContext, r: Wire) => ({ Article: { "@url": `${ctx.baseUrl}/3/articles/${encodeURIComponent(String(r.ArticleNumber))}`, ...r } });

function derived(r: Wire): Wire {
  const qty = Number(r.QuantityInStock ?? 0);
  const reserved = Number(r.ReservedQuantity ?? 0);
  return { ...r, DisposableQuantity: qty - reserved, StockValue: Math.round(qty * Number(r.PurchasePrice ?? 0) * 100) / 100 };
}

const DEFAULTS: Wire = { Active: true, Type: "STOCK", StockGoods: false, Unit: "st", VAT: 25, SalesPrice: 0, PurchasePrice: 0, QuantityInStock: 0, ReservedQuantity: 0, WebshopArticle: false, Housework: false, Expired: false };

export const articleRoutes: ApiRoute[] = [
  {
    method: "GET",
    pattern: "/3/articles",
    scope: "article",
    handler: (ctx) => listRecords(ctx, new Map([...ctx.db.articles].map(([k, v]) => [k, { ...v, data: listView(v.data) }])), LIST),
  },
  { method: "GET", pattern: "/3/articles/:id", scope: "article", handler: (ctx) => ({ status: 200, body: single(ctx, find(ctx).data) }) },
  {
    method: "POST",
    pattern: "/3/articles",
    scope: "article",
    handler: (ctx) => {
      const input = cleanFields(unwrap(ctx.body, "Article"), ARTICLE_FIELDS, ARTICLE_READONLY);
      if (typeof input.Description !== "string" || !input.Description.trim()) throw missingField("Description");
      const db = ctx.db;
      let number = typeof input.ArticleNumber === "string" && input.ArticleNumber !== "" ? input.ArticleNumber : undefined;
      if (number === undefined) {
        while (db.articles.has(String(db.nextArticleNumber))) db.nextArticleNumber++;
        number = String(db.nextArticleNumber++);
      }
      if (db.articles.has(number)) throw apiError("articleNumberUsed");
      const record = derived({ ...DEFAULTS, ...input, ArticleNumber: number });
      db.articles.set(number, { data: record, lastModified: ctx.now });
      ctx.emit({ topic: "articles", type: "article-created-v1", entityId: number });
      return { status: 201, body: single(ctx, record) };
    },
  },
  {
    method: "PUT",
    pattern: "/3/articles/:id",
    scope: "article",
    handler: (ctx) => {
      const rec = find(ctx);
      const input = cleanFields(unwrap(ctx.body, "Article"), ARTICLE_FIELDS, ARTICLE_READONLY);
      delete input.ArticleNumber;
      rec.data = derived({ ...rec.data, ...input });
      rec.lastModified = ctx.now;
      ctx.emit({ topic: "articles", type: "article-updated-v1", entityId: String(rec.data.ArticleNumber) });
      return { status: 200, body: single(ctx, rec.data) };
    },
  },
  {
    method: "DELETE",
    pattern: "/3/articles/:id",
    scope: "article",
    handler: (ctx) => {
      const rec = find(ctx);
      ctx.db.articles.delete(String(rec.data.ArticleNumber));
      ctx.emit({ topic: "articles", type: "article-deleted-v1", entityId: String(rec.data.ArticleNumber) });
      return { status: 204 };
    },
  },
];
