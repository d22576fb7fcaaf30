import "server-only";

import type { FortnoxApi } from "../client";
import type { Article } from "../types";
import { articlesResource } from "../wire";

import { toWire, type FieldMap, type WriteMode } from "./body";

/** What Brygga lets a user set on an article. null = blank (omitted on create, cleared on update). */
export interface ArticleInput {
  articleNumber?: string | null;
  description: string;
  type?: "STOCK" | "SERVICE" | null;
  unit?: string | null;
  /** Excluding VAT, in SEK. */
  salesPrice?: number | null;
  purchasePrice?: number | null;
  vat?: number | null;
  /** Ledger account for sales; blank lets Fortnox use the predefined account for the VAT rate. */
  salesAccount?: number | null;
  ean?: string | null;
  active?: boolean | null;
}

/** The one place article field names cross into Fortnox's casing (SPEC fortnox_Article). */
export const ARTICLE_FIELDS: FieldMap<ArticleInput> = {
  articleNumber: "ArticleNumber",
  description: "Description",
  type: "Type",
  unit: "Unit",
  salesPrice: "SalesPrice",
  purchasePrice: "PurchasePrice",
  vat: "VAT",
  salesAccount: "SalesAccount",
  ean: "EAN",
  active: "Active",
};

// Numbers clear to 0 (Fortnox's own blank for them); an account cannot be 0, so it is left out.
const NUMERIC = new Set<keyof ArticleInput>(["salesPrice", "purchasePrice", "vat"]);

/** `{"Article": {...}}` for POST or PUT; the number is never sent on update. */
export function articleBody(input: Partial<ArticleInput>, mode: WriteMode): { Article: Record<string, unknown> } {
  const { articleNumber, type, active, salesAccount, ...rest } = input;
  const body = toWire<ArticleInput>(mode === "create" ? { ...rest, articleNumber } : rest, ARTICLE_FIELDS, mode, (k) => (NUMERIC.has(k) ? 0 : ""));
  if (type) body.Type = type;
  if (typeof active === "boolean") body.Active = active;
  if (typeof salesAccount === "number") body.SalesAccount = salesAccount;
  return { Article: body };
}

/** POST /3/articles. Fortnox assigns the number when none is given. */
export async function createArticle(api: FortnoxApi, input: ArticleInput): Promise<Article> {
  return api.post(articlesResource.path, articleBody(input, "create"), articlesResource.one);
}

/** PUT /3/articles/{n}: a partial update of the given fields. */
export async function updateArticle(api: FortnoxApi, articleNumber: string, patch: Partial<ArticleInput>): Promise<Article> {
  return api.put(`${articlesResource.path}/${encodeURIComponent(articleNumber)}`, articleBody(patch, "update"), articlesResource.one);
}
