import "server-only";

import { articles } from "@/lib/db/schema";
import { articlesResource } from "@/lib/fortnox/wire";
import type { Article } from "@/lib/fortnox/types";

import type { SyncResource } from "./types";

/** Article list items carry no `Type` or `Active`; detail fetches and `filter=inactive` fill them. */
export const articlesSync: SyncResource<Article, typeof articles> = {
  name: "articles",
  fortnox: articlesResource,
  record: { table: articles, connectionId: articles.connectionId, number: articles.articleNumber, raw: articles.raw, deletedAt: articles.deletedAt, syncedAt: articles.syncedAt, seenAt: articles.seenAt },
  numberOf: (a) => a.articleNumber,
  toRow: (connectionId, a) => ({
    connectionId,
    articleNumber: a.articleNumber,
    description: a.description,
    type: a.type,
    unit: a.unit,
    salesPrice: a.salesPrice,
    purchasePrice: a.purchasePrice,
    vat: a.vat,
    quantityInStock: a.quantityInStock,
    active: a.active,
    raw: a.raw,
  }),
  listOmits: ["active", "type"],
  inactiveFilter: "inactive",
};
