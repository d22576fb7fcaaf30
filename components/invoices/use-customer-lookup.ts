"use client";

import { useCallback, useEffect, useRef, useState } from "react";

export interface CustomerChoice {
  customerNumber: string;
  name: string;
  organisationNumber?: string | null;
  city?: string | null;
}

/**
 * Customers matching what was typed, from the locally synced customers (no Fortnox call per key
 * press). Debounced; a stale answer never overwrites a newer one.
 */
export function useCustomerLookup(connectionId: string) {
  const [results, setResults] = useState<CustomerChoice[]>([]);
  const [loading, setLoading] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef(0);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  const search = useCallback(
    (query: string) => {
      if (timer.current) clearTimeout(timer.current);
      const id = ++latest.current;
      setLoading(true);
      timer.current = setTimeout(() => {
        void fetch(`/api/connections/${encodeURIComponent(connectionId)}/customers/lookup?q=${encodeURIComponent(query.trim().slice(0, 100))}`, { headers: { accept: "application/json" } })
          .then(async (res) => (res.ok ? ((await res.json()) as { data: CustomerChoice[] }).data : []))
          .catch(() => [])
          .then((items) => {
            if (id !== latest.current) return;
            setResults(items);
            setLoading(false);
          });
      }, 150);
    },
    [connectionId],
  );
  return { results, loading, search };
}
