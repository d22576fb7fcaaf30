import "server-only";

import { getArticleForWrite } from "@/lib/db/queries/write-lookups";
import { AppError } from "@/lib/errors";
import { fortnoxWriteError } from "@/lib/fortnox/field-errors";
import type { Article } from "@/lib/fortnox/types";
import { createArticle, updateArticle, type ArticleInput } from "@/lib/fortnox/writes/articles";
import type { WriteContext } from "@/lib/fortnox/writes/context";
import { msg } from "@/lib/forms/message-ref";
import { saveFetchedRecord } from "@/lib/sync/records";
import { articlesSync } from "@/lib/sync/resources";

/** Article write-back: write to Fortnox, then store what Fortnox answered (see lib/customers/write.ts). */

const CTX = { form: "article" } as const;

/** Create an article in Fortnox and store it. */
export async function createArticleRecord(w: WriteContext, input: ArticleInput): Promise<Article> {
  let article: Article;
  try {
    article = await createArticle(w.api, input);
  } catch (e) {
    throw fortnoxWriteError(e, CTX);
  }
  await saveFetchedRecord(w.db, w.connectionId, articlesSync, article);
  return article;
}

/** Update article `articleNumber` of this connection (not_found for another company's number). */
export async function updateArticleRecord(w: WriteContext, articleNumber: string, patch: Partial<ArticleInput>): Promise<Article> {
  if (!(await getArticleForWrite(w.db, w.connectionId, articleNumber))) throw new AppError("not_found", msg("write.error.articleNotFound", { number: articleNumber }));
  let article: Article;
  try {
    article = await updateArticle(w.api, articleNumber, patch);
  } catch (e) {
    throw fortnoxWriteError(e, CTX);
  }
  await saveFetchedRecord(w.db, w.connectionId, articlesSync, article);
  return article;
}
