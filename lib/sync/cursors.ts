import "server-only";

import { eq } from "drizzle-orm";

import type { Database } from "@/lib/db/client";
import { syncCursors, type SyncCursor } from "@/lib/db/schema";

/** The connection's cursors by resource name. */
export async function getCursors(db: Database, connectionId: string): Promise<Map<string, SyncCursor>> {
  const rows = await db.select().from(syncCursors).where(eq(syncCursors.connectionId, connectionId));
  return new Map(rows.map((r) => [r.resource, r]));
}
