"use client";

import { useQuery } from "@tanstack/react-query";

interface Windows {
  data: { limit: number; windows: { fortnoxTenantId: number; inWindow: number; paused: boolean }[] };
}

/** One company's share of Fortnox's rate-limit window right now, refreshed every 2 s. */
export function LiveWindow({ fortnoxTenantId, pausedLabel }: { fortnoxTenantId: number; pausedLabel: string }) {
  const { data } = useQuery({
    queryKey: ["ops-windows"],
    queryFn: async (): Promise<Windows> => {
      const res = await fetch("/api/ops/windows", { cache: "no-store" });
      if (!res.ok) throw new Error(`windows ${res.status}`);
      return (await res.json()) as Windows;
    },
    refetchInterval: 2000,
  });
  if (!data) return <span className="text-slate-500">–</span>;
  const w = data.data.windows.find((x) => x.fortnoxTenantId === fortnoxTenantId);
  return (
    <span data-testid={`window-${fortnoxTenantId}`}>
      {w?.inWindow ?? 0}/{data.data.limit}
      {w?.paused ? ` (${pausedLabel})` : ""}
    </span>
  );
}
