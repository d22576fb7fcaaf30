import "server-only";

import { desc, sql } from "drizzle-orm";

import { articles } from "@/lib/db/schema";
import { articlesResource } from "@/lib/fortnox/wire";
import type { Article } from "@/lib/fortnox/types";

import { excludedSet } from "../store";

import { detailFlags } from "./detail-flags";
import type { SyncResource } from "./types";

/*
 * Article list items carry no `Type`, `Active` or accounts (docs/fortnox.md#api-conventions), and an
 * edit must show what Fortnox has, so every new or changed article is fetched once in full, as
 * invoices are (./invoices.ts): the listing's upsert sets `needs_detail` on every insert or change,
 * and the detail phase clears it. `detail` keeps the full article.
 *
 * `raw` stays the list item, the comparison basis for the next listing, and a detail never
 * rewrites it: an article's list item is not a subset of its full record (the list types prices,
 * VAT and quantities as strings, the record as numbers), so a list view made from the record would
 * differ from every listing and have each full pass fetch every article again. A record stored
 * without a listing (a write-back, a real-time event) keeps its list-item fields as `raw` until the
 * next listing replaces them (which flags it once more).
 */

// The fields of Fortnox's ArticleListItem (OpenAPI `fortnox_ArticleListItem`).
const LIST_ITEM_FIELDS = [
  "@url", "ArticleNumber", "Description", "DisposableQuantity", "EAN", "Housework", "PurchasePrice", "QuantityInStock", "ReservedQuantity", "SalesPrice", "StockPlace",
  "StockValue", "Unit", "VAT", "WebshopArticle",
];

const listFields = (raw: Record<string, unknown>) => Object.fromEntries(LIST_ITEM_FIELDS.filter((k) => k in raw).map((k) => [k, raw[k]]));

const columns = (connectionId: string, a: Article) => ({
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
});

export const articlesSync: SyncResource<Article, typeof articles> = {
  name: "articles",
  fortnox: articlesResource,
  record: { table: articles, connectionId: articles.connectionId, number: articles.articleNumber, raw: articles.raw, deletedAt: articles.deletedAt, syncedAt: articles.syncedAt, seenAt: articles.seenAt },
  numberOf: (a) => a.articleNumber,
  toRow: (connectionId, a) => ({ ...columns(connectionId, a), raw: a.raw }),
  // Detail-only fields: a listing must not blank what the last detail fetch stored.
  listOmits: ["active", "type", "detail"],
  inactiveFilter: "inactive",
  detail: {
    async store(db, connectionId, records, fence) {
      if (records.length === 0) return;
      await db.transaction(async (tx) => {
        await fence?.(tx);
        const now = new Date();
        await tx
          .insert(articles)
          .values(records.map((a) => ({ ...columns(connectionId, a), raw: listFields(a.raw), detail: a.raw, needsDetail: false, syncedAt: now })))
          .onConflictDoUpdate({
            target: [articles.connectionId, articles.articleNumber],
            set: { ...excludedSet(articles, Object.keys(columns(connectionId, records[0]!))), detail: sql`excluded.detail`, needsDetail: false, syncedAt: now, deletedAt: null },
          });
      });
    },
    ...detailFlags({
      table: articles,
      connectionId: articles.connectionId,
      number: articles.articleNumber,
      needsDetail: articles.needsDetail,
      deletedAt: articles.deletedAt,
      order: [desc(articles.articleNumber)],
      numberValue: (n) => n,
    }),
  },
};
