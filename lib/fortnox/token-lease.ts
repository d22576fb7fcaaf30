import "server-only";

import { randomUUID } from "node:crypto";

import { sql } from "drizzle-orm";

import type { Database } from "@/lib/db/client";
import { queryRows } from "@/lib/db/raw";

/**
 * The refresh lease: who may spend a connection's single-use refresh token right now.
 *
 * Taking the lease is one committed UPDATE (owner, expiry, epoch + 1), so no transaction or row
 * lock stays open across the call to Fortnox's token endpoint: on PGlite, where every query of the
 * process shares one connection, an open transaction would hold up the whole portal for as long as
 * the token endpoint takes. Others wait by polling the row, not on a lock.
 *
 * - Exactly one refresh per expiry: the lease is taken only while the access token is not fresh
 *   and no unexpired lease exists; whoever loses re-reads and finds the new token.
 * - Persist before use: the holder commits the new tokens before returning the access token.
 * - A holder that dies: its lease expires (LEASE_MS, longer than the token call's 30 s timeout),
 *   and the next caller takes it over.
 * - A stale holder (its lease expired and was taken over) cannot overwrite a newer result: every
 *   write is fenced on the epoch it leased.
 * - A lease that expired without being released means its refresh's outcome is unknown: Fortnox
 *   may have rotated the token and the answer was lost. `abandoned` tells the next holder, so an
 *   `invalid_grant` then is recorded as a lost rotation (audited), not as a revoked grant.
 */

export const LEASE_MS = 60_000;
/** How often a caller waiting on someone else's lease re-reads the row. */
export const LEASE_POLL_MS = 100;

export interface Lease {
  id: string;
  epoch: number;
  /** The previous lease expired unreleased: its refresh may have spent the token. */
  abandoned: boolean;
}

type Executor = Pick<Database, "execute">;

/**
 * Take the lease if the connection is active, nobody holds an unexpired lease, and (unless
 * `force`) the access token expires before `staleBefore`. Null when not taken.
 */
export async function takeLease(db: Executor, connectionId: string, staleBefore: Date, force: boolean): Promise<Lease | null> {
  const id = randomUUID();
  const [row] = await queryRows<{ epoch: number; abandoned: boolean }>(
    db,
    sql`
    with prev as (select refresh_lease_id is not null as abandoned from connections where id = ${connectionId})
    update connections set refresh_lease_id = ${id}, refresh_lease_until = clock_timestamp() + (${LEASE_MS}::float8 * interval '1 millisecond'), refresh_epoch = refresh_epoch + 1
    where id = ${connectionId} and status = 'active'
      and (refresh_lease_until is null or refresh_lease_until < clock_timestamp())
      and (${force}::boolean or access_token_expires_at is null or access_token_enc is null or access_token_expires_at <= ${staleBefore.toISOString()}::timestamptz)
    returning refresh_epoch as epoch, (select abandoned from prev) as abandoned`,
  );
  return row ? { id, epoch: Number(row.epoch), abandoned: row.abandoned === true } : null;
}

/** The fence every holder's write carries: still this lease's epoch. */
export function leaseHeld(lease: Lease) {
  return sql`refresh_epoch = ${lease.epoch} and refresh_lease_id = ${lease.id}`;
}

/** Give the lease back (the refresh's outcome is known, or nothing was sent). */
export async function releaseLease(db: Executor, connectionId: string, lease: Lease) {
  await db.execute(sql`update connections set refresh_lease_id = null, refresh_lease_until = null where id = ${connectionId} and ${leaseHeld(lease)}`);
}

/** End the lease now but keep its owner: the next holder learns the outcome was unknown. */
export async function abandonLease(db: Executor, connectionId: string, lease: Lease) {
  await db.execute(sql`update connections set refresh_lease_until = clock_timestamp() where id = ${connectionId} and ${leaseHeld(lease)}`);
}
