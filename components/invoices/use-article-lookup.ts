"use client";

import { useLookup } from "@/components/forms/use-lookup";

export interface ArticleSuggestion {
  articleNumber: string;
  description: string;
  unit: string | null;
  salesPrice: number | null;
  vat: number | null;
}

/** Articles matching an invoice row's article number, offered as suggestions (nothing for an empty field). */
export function useArticleLookup(connectionId: string) {
  const { items, search } = useLookup<ArticleSuggestion>(connectionId, "articles", { delayMs: 200, searchEmpty: false });
  return { suggestions: items, search };
}
