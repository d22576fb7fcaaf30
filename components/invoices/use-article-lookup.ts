"use client";

import { useCallback, useEffect, useRef, useState } from "react";

export interface ArticleSuggestion {
  articleNumber: string;
  description: string;
  unit: string | null;
  salesPrice: number | null;
  vat: number | null;
}

/**
 * Articles matching what was typed, from the locally synced articles (no Fortnox call per key
 * press). Debounced; a stale answer never overwrites a newer one.
 */
export function useArticleLookup(connectionId: string) {
  const [suggestions, setSuggestions] = useState<ArticleSuggestion[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef(0);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  const search = useCallback(
    (query: string) => {
      if (timer.current) clearTimeout(timer.current);
      const q = query.trim();
      if (q === "") return setSuggestions([]);
      timer.current = setTimeout(() => {
        const id = ++latest.current;
        void fetch(`/api/connections/${encodeURIComponent(connectionId)}/articles/lookup?q=${encodeURIComponent(q)}`, { headers: { accept: "application/json" } })
          .then(async (res) => (res.ok ? ((await res.json()) as { data: ArticleSuggestion[] }).data : []))
          .catch(() => [])
          .then((items) => {
            if (id === latest.current) setSuggestions(items);
          });
      }, 200);
    },
    [connectionId],
  );
  return { suggestions, search };
}
