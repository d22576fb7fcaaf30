"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";

/**
 * Records matching what was typed, read from the locally synced copy (never a Fortnox call per key
 * press). Debounced; React Query keys each answer by its query, so a late answer to an older query
 * is never shown for a newer one, and a query typed again is answered from the cache.
 */
export function useLookup<T>(connectionId: string, resource: "articles" | "customers", o: { delayMs: number; searchEmpty: boolean }) {
  const [typed, setTyped] = useState<string | null>(null);
  const [query, setQuery] = useState<string | null>(null);
  useEffect(() => {
    if (typed === null) return;
    const timer = setTimeout(() => setQuery(typed), o.delayMs);
    return () => clearTimeout(timer);
  }, [typed, o.delayMs]);
  const enabled = query !== null && (o.searchEmpty || query !== "");
  const result = useQuery({
    queryKey: ["lookup", connectionId, resource, query],
    queryFn: async ({ signal }) => {
      const url = `/api/connections/${encodeURIComponent(connectionId)}/${resource}/lookup?q=${encodeURIComponent(query ?? "")}`;
      const res = await fetch(url, { signal, headers: { accept: "application/json" } });
      // A refused lookup (signed out, bad input) offers nothing; the form's own checks speak.
      return res.ok ? ((await res.json()) as { data: T[] }).data : [];
    },
    enabled,
    staleTime: 30_000,
    placeholderData: keepPreviousData,
  });
  return {
    items: enabled ? (result.data ?? []) : [],
    loading: (typed !== null && typed !== query) || (enabled && result.isFetching),
    search: (value: string) => setTyped(value.trim().slice(0, 100)),
  };
}
