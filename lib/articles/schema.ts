import { z } from "zod";

import { checkbox, optionalDecimal, optionalInt, optionalText, requiredText, vatRate } from "@/lib/forms/fields";
import { msg } from "@/lib/forms/message-ref";

/** The article form (SPEC fortnox_Article: Description ≤200, ArticleNumber ≤50, EAN ≤30). */
export const ARTICLE_LIMITS = { description: 200, articleNumber: 50, unit: 10, ean: 30, maxPrice: 99_999_999 } as const;

const price = optionalDecimal({ min: 0, max: ARTICLE_LIMITS.maxPrice, decimals: 2 });

const articleFields = {
  description: requiredText(ARTICLE_LIMITS.description),
  type: z.preprocess((v) => (v === "" ? undefined : v), z.enum(["STOCK", "SERVICE"], msg("write.err.articleType")).optional()).transform((v) => v ?? null),
  unit: optionalText(ARTICLE_LIMITS.unit),
  salesPrice: price,
  purchasePrice: price,
  vat: vatRate(25),
  // BAS ledger accounts have four digits; blank lets Fortnox use the predefined account for the VAT rate.
  salesAccount: optionalInt(1000, 9999),
  ean: optionalText(ARTICLE_LIMITS.ean).refine((v) => v === null || /^\d{8,14}$/.test(v), msg("write.err.ean")),
};

export const createArticleSchema = z.object({
  ...articleFields,
  articleNumber: optionalText(ARTICLE_LIMITS.articleNumber).refine((v) => v === null || /^[\w-]+$/.test(v), msg("write.err.recordKey")),
});

export const updateArticleSchema = z.object({
  ...articleFields,
  articleNumber: requiredText(ARTICLE_LIMITS.articleNumber),
  active: checkbox,
});

export type CreateArticleForm = z.output<typeof createArticleSchema>;
export type UpdateArticleForm = z.output<typeof updateArticleSchema>;
