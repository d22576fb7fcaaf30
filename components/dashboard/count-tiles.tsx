"use client";

import Link from "next/link";

import type { RecordCounts } from "@/lib/db/queries/dashboard";
import type { SyncStatus } from "@/lib/sync/status";
import { formatNumber } from "@/lib/format";
import { useSyncStatus } from "@/components/sync/use-sync-status";
import { card } from "@/components/ui/styles";

export interface CountTile {
  key: keyof RecordCounts;
  href: string;
  label: string;
}

/**
 * The dashboard's record counts. They ride on the sync status poll (every second while a run is
 * open), so during the first sync they climb with the progress bars instead of staying at 0.
 */
export function CountTiles({ connectionId, tiles, initial, locale }: { connectionId: string; tiles: readonly CountTile[]; initial: SyncStatus; locale: "sv" | "en" }) {
  const { data } = useSyncStatus(connectionId, initial);
  const counts = (data ?? initial).records;
  return (
    <ul className="grid gap-4 sm:grid-cols-3">
      {tiles.map((tile) => (
        <li key={tile.key}>
          <Link href={tile.href} className={`${card} block hover:border-brand-500`} data-testid={`count-${tile.key}`}>
            <span className="block text-sm text-slate-600">{tile.label}</span>
            <span className="mt-1 block text-3xl font-semibold tabular-nums">{formatNumber(counts[tile.key], locale, 0)}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
