import "server-only";

import { and, eq, ilike, isNull, or, sql, type SQL } from "drizzle-orm";

import type { Database } from "../client";
import { articles, naturalKey, naturalKeyOf, type ArticleRow } from "../schema";
import { countKey, countRows, exactLimit, readCountedPage, type CountedReadOptions, type Counting, type ResultCount } from "./counts";
import { jsonFetch, jsonRow } from "./json-rows";
import { iterateRows, readPage, sortColumn, type KeysetSource, type Page } from "./keyset";
import { likeEscape } from "./list-params";
import { type ArticleFilters, type ArticleListQuery, type ArticleSort } from "./list-specs";

export { ARTICLE_SORTS, ARTICLE_TYPES, articleListSpec, parseArticleQuery, type ArticleFilters, type ArticleListQuery, type ArticleSort } from "./list-specs";

const listColumns = {
  id: articles.id,
  articleNumber: articles.articleNumber,
  description: articles.description,
  type: articles.type,
  unit: articles.unit,
  salesPrice: articles.salesPrice,
  purchasePrice: articles.purchasePrice,
  vat: articles.vat,
  quantityInStock: articles.quantityInStock,
  active: articles.active,
};
export type ArticleListItem = Pick<ArticleRow, keyof typeof listColumns>;
/** The list's columns as one JSON value per row (./json-rows.ts). */
const listRow = jsonRow(listColumns);

// Unknown (null) counts as active: it is Fortnox's default and list items do not carry the flag.
const isActive = sql`(${articles.active} is not false)`;

function searchCondition(q: string | undefined): SQL | undefined {
  if (!q) return undefined;
  const escaped = likeEscape(q);
  return or(ilike(articles.articleNumber, `${escaped}%`), ilike(articles.description, `%${escaped}%`));
}

function stockCondition(stock: ArticleFilters["stock"]): SQL | undefined {
  if (stock === "in") return sql`${articles.quantityInStock} > 0`;
  // No stock figure at all is "none in stock" too.
  if (stock === "out") return sql`coalesce(${articles.quantityInStock}, 0) <= 0`;
  return undefined;
}

/** The list's filters as SQL (always scoped to the connection); shared by pages and counts. */
function articleWhere(connectionId: string, query: ArticleListQuery): SQL | undefined {
  const f = query.filters;
  return and(
    eq(articles.connectionId, connectionId),
    isNull(articles.deletedAt),
    searchCondition(query.q),
    f.type ? eq(articles.type, f.type) : undefined,
    f.active === "active" ? isActive : f.active === "inactive" ? eq(articles.active, false) : undefined,
    stockCondition(f.stock),
  );
}

function articleSource(db: Database, connectionId: string, query: ArticleListQuery): KeysetSource<ArticleListItem, ArticleSort> {
  const where = articleWhere(connectionId, query);
  return {
    columns: {
      // 1, 2, 10 rather than 1, 10, 2 (naturalKey in lib/db/schema/records.ts).
      number: sortColumn(naturalKey(articles.articleNumber), false, (r) => naturalKeyOf(r.articleNumber), { indexed: true }),
      description: sortColumn(articles.description, false, (r) => r.description, { indexed: true }),
      type: sortColumn(articles.type, true, (r) => r.type),
      unit: sortColumn(articles.unit, true, (r) => r.unit),
      salesPrice: sortColumn(articles.salesPrice, true, (r) => r.salesPrice),
      stock: sortColumn(articles.quantityInStock, true, (r) => r.quantityInStock),
      active: sortColumn(isActive, false, (r) => r.active !== false),
    },
    tie: articles.id,
    tieValue: (r) => r.id,
    fetch: jsonFetch(db, articles, listRow, where),
  };
}

/** What the article list counts: exact up to `cap` (./counts.ts), remembered per company and filters past it. */
function articleCounting(db: Database, connectionId: string, query: ArticleListQuery, cap = exactLimit(db)): Counting {
  return { table: articles, where: articleWhere(connectionId, query), cap, key: countKey("articles", connectionId, [query.q, query.filters]) };
}

/** How many articles match the query: exact up to a cap, beyond it the planner's estimate (./counts.ts). */
export function countArticles(db: Database, connectionId: string, query: ArticleListQuery, cap = exactLimit(db)): Promise<ResultCount> {
  return countRows(db, articleCounting(db, connectionId, query, cap));
}

/** One page of a connection's articles and how many match, in one query where it can (./counts.ts). */
export function listArticlesCounted(db: Database, connectionId: string, query: ArticleListQuery, { cap, gate }: CountedReadOptions = {}): Promise<{ page: Page<ArticleListItem>; count: ResultCount }> {
  return readCountedPage(db, articleSource(db, connectionId, query), query, articleCounting(db, connectionId, query, cap), gate);
}

/** One page of a connection's articles. */
export function listArticles(db: Database, connectionId: string, query: ArticleListQuery): Promise<Page<ArticleListItem>> {
  return readPage(articleSource(db, connectionId, query), query);
}

/** Every article matching the query, in list order, in keyset batches (for CSV export). */
export function iterateArticles(db: Database, connectionId: string, query: ArticleListQuery, batchSize = 1000): AsyncGenerator<ArticleListItem[], void> {
  return iterateRows(articleSource(db, connectionId, query), query, batchSize);
}

/** One article, or null when unknown, deleted or another connection's. */
export async function getArticle(db: Database, connectionId: string, articleNumber: string): Promise<(ArticleListItem & { syncedAt: Date }) | null> {
  const [article] = await db
    .select({ ...listColumns, syncedAt: articles.syncedAt })
    .from(articles)
    .where(and(eq(articles.connectionId, connectionId), eq(articles.articleNumber, articleNumber), isNull(articles.deletedAt)));
  return article ?? null;
}
