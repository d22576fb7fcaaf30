import "server-only";

import { z } from "zod";

import type { Article } from "../types";

import { bool, decoder, key, num, text } from "./common";
import { pageDecoder, singleDecoder, type FortnoxResource } from "./envelope";

/** ArticleListItem: the SPEC types prices, VAT and quantities as strings here (docs/fortnox.md#api-conventions). */
export const articleListItemWire = z.looseObject({
  ArticleNumber: key,
  Description: z.string(),
  Unit: text,
  SalesPrice: num,
  PurchasePrice: num,
  VAT: num,
  QuantityInStock: num,
  ReservedQuantity: num,
  DisposableQuantity: num,
  StockValue: num,
  EAN: text,
  WebshopArticle: bool,
});

/** Article (detail). */
export const articleWire = articleListItemWire.extend({
  Active: bool,
  Type: text,
  SalesAccount: text,
  PurchaseAccount: text,
  Manufacturer: text,
  SupplierNumber: text,
});

type ArticleFields = z.output<typeof articleListItemWire> & Partial<Pick<z.output<typeof articleWire>, "Active" | "Type">>;

const toArticle = (a: ArticleFields, raw: Record<string, unknown>): Article => ({
  articleNumber: a.ArticleNumber,
  description: a.Description,
  type: a.Type ?? null,
  unit: a.Unit,
  salesPrice: a.SalesPrice,
  purchasePrice: a.PurchasePrice,
  vat: a.VAT,
  quantityInStock: a.QuantityInStock,
  active: a.Active ?? null,
  raw,
});

export const decodeArticleListItem = decoder(articleListItemWire, toArticle);
export const decodeArticle = decoder(articleWire, toArticle);

export const articlesResource: FortnoxResource<Article, Article> = {
  path: "/3/articles",
  page: pageDecoder("Articles", decodeArticleListItem, "ArticleNumber"),
  one: singleDecoder("Article", decodeArticle),
};
