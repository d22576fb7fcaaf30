import "server-only";

import { and, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";

import type { DetailSpec } from "./types";

/** A record table with a detail phase: its `needs_detail` flag and the columns the flag queries use. */
interface FlaggedTable {
  table: PgTable;
  connectionId: PgColumn;
  number: PgColumn;
  needsDetail: PgColumn;
  deletedAt: PgColumn;
  /** The order details are fetched in (most wanted first), ending with the number as tie-breaker. */
  order: SQL[];
  /** The stored number from its text form (invoices keep theirs as bigint). */
  numberValue: (number: string) => string | number;
}

/**
 * The flag queries of a detail phase (DetailSpec's `pending`, `countPending`, `markPending`), the
 * same for every resource whose list items lack what Brygga needs: which live records of a
 * connection are flagged, and flagging those an incremental listing returned.
 */
export function detailFlags(t: FlaggedTable): Pick<DetailSpec<unknown>, "pending" | "countPending" | "markPending"> {
  const flagged = (connectionId: string) => and(eq(t.connectionId, connectionId), eq(t.needsDetail, true), isNull(t.deletedAt));
  return {
    async pending(db, connectionId, limit) {
      const rows = await db
        .select({ n: t.number })
        .from(t.table)
        .where(flagged(connectionId))
        .orderBy(...t.order)
        .limit(limit);
      return rows.map((r) => String(r.n));
    },
    async countPending(db, connectionId) {
      const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(t.table).where(flagged(connectionId));
      return Number(row?.n ?? 0);
    },
    async markPending(db, connectionId, numbers) {
      if (numbers.length === 0) return;
      await db
        .update(t.table)
        // Every table with a detail phase names the column `needsDetail` (lib/db/schema/records.ts).
        .set({ needsDetail: true })
        .where(and(eq(t.connectionId, connectionId), inArray(t.number, numbers.map(t.numberValue))));
    },
  };
}
