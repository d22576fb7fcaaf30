import "server-only";

import { and, eq } from "drizzle-orm";

import type { Database } from "@/lib/db/client";
import { FortnoxError } from "@/lib/fortnox/errors";

import type { AnySyncResource, SyncResource } from "./resources";
import type { ApiFor } from "./resources/types";
import { upsertRecords } from "./store";

/**
 * Store one record Brygga fetched in full (after a write-back, or for a real-time event). A full
 * record carries everything, so nothing is omitted; invoices also get their rows.
 */
export async function saveFetchedRecord<T>(db: Database, connectionId: string, res: SyncResource<T>, record: T): Promise<void> {
  if (res.detail) return res.detail.store(db, connectionId, [record]);
  await upsertRecords(db, res.record, [res.toRow(connectionId, record)]);
}

/** Soft-delete one record: Fortnox no longer has it. */
export async function markRecordDeleted(db: Database, connectionId: string, res: AnySyncResource, number: string): Promise<boolean> {
  const t = res.record;
  const rows = await db
    .update(t.table)
    .set({ deletedAt: new Date(), ...(res.detail ? { needsDetail: false } : {}) })
    .where(and(eq(t.connectionId, connectionId), eq(t.number, number)))
    .returning({ n: t.number });
  return rows.length > 0;
}

/**
 * Bring one record up to date without a sync run: fetch it and store it, or mark it deleted when
 * Fortnox answers 404. Used for WebSocket events, which name one record each.
 */
export async function syncOneRecord(db: Database, apiFor: ApiFor, connectionId: string, res: AnySyncResource, number: string): Promise<"stored" | "deleted"> {
  const api = await apiFor(connectionId);
  try {
    const record: unknown = await api.get(`${res.fortnox.path}/${encodeURIComponent(number)}`, res.fortnox.one);
    await saveFetchedRecord(db, connectionId, res as SyncResource<unknown>, record);
    return "stored";
  } catch (e) {
    if (e instanceof FortnoxError && e.status === 404) {
      await markRecordDeleted(db, connectionId, res, number);
      return "deleted";
    }
    throw e;
  }
}
