import "server-only";

import { and, eq, notExists, sql } from "drizzle-orm";

import type { Database } from "@/lib/db/client";
import { invoiceCustomerNames, invoices } from "@/lib/db/schema";
import { logger } from "@/lib/log";

import type { ResourceCounts } from "./runs";

/**
 * Drops the names (lib/db/schema/records.ts, invoiceCustomerNames) that no invoice of the company
 * carries any more: an invoice renamed or removed leaves its old name behind, which the search
 * matches to no invoice. Returns how many were dropped.
 */
export async function pruneInvoiceCustomerNames(db: Database, connectionId: string): Promise<number> {
  const gone = await db
    .delete(invoiceCustomerNames)
    .where(
      and(
        eq(invoiceCustomerNames.connectionId, connectionId),
        notExists(
          db
            .select({ one: sql`1` })
            .from(invoices)
            .where(and(eq(invoices.connectionId, connectionId), eq(invoices.customerName, invoiceCustomerNames.customerName))),
        ),
      ),
    )
    .returning({ name: invoiceCustomerNames.customerName });
  return gone.length;
}

/** After a run that changed invoices: best effort, a failed prune never fails the sync that led to it. */
export async function pruneInvoiceCustomerNamesQuietly(db: Database, connectionId: string, invoiceCounts: ResourceCounts | undefined, runId: string): Promise<void> {
  if (!invoiceCounts || invoiceCounts.updated + invoiceCounts.deleted === 0) return;
  try {
    const dropped = await pruneInvoiceCustomerNames(db, connectionId);
    if (dropped > 0) logger.info("customer names no invoice carries dropped after sync", { runId, dropped });
  } catch (error) {
    logger.warn("could not prune invoice customer names after sync", { runId, error });
  }
}
