import "server-only";

import { randomUUID } from "node:crypto";

import { sql, type SQL } from "drizzle-orm";

import type { Database } from "@/lib/db/client";
import { queryRows } from "@/lib/db/raw";

/**
 * The refresh lease: who may spend a grant's single-use refresh token right now
 * (docs/fortnox.md#tokens). Two kinds of row hold a grant: a company's connection and a person's
 * own identity grant; both carry the same lease columns and follow the same rules.
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
 *   `invalid_grant` then is recorded as a lost rotation, not as a revoked grant.
 */

export const LEASE_MS = 60_000;
/** How often a caller waiting on someone else's lease re-reads the row. */
export const LEASE_POLL_MS = 100;

/**
 * The rows a grant lives in, and when a row's grant may be refreshed at all: a connection while
 * active (a service account has no refresh token but is leased the same way for its
 * client-credentials call), a person's grant while it has a refresh token.
 */
const GRANT_ROWS = {
  connections: sql`status = 'active'`,
  identities: sql`refresh_token_enc is not null`,
} as const satisfies Record<string, SQL>;

/** One grant: its table and row id. */
export interface LeaseSubject {
  table: keyof typeof GRANT_ROWS;
  id: string;
}

export interface Lease {
  id: string;
  epoch: number;
  /** The previous lease expired unreleased: its refresh may have spent the token. */
  abandoned: boolean;
}

type Executor = Pick<Database, "execute">;

const rowOf = (s: LeaseSubject) => sql`${sql.identifier(s.table)} where id = ${s.id}`;

/**
 * Take the lease if the grant may be refreshed, nobody holds an unexpired lease, and (unless
 * `force`) the access token expires before `staleBefore`. Null when not taken.
 */
export async function takeLease(db: Executor, subject: LeaseSubject, staleBefore: Date, force: boolean): Promise<Lease | null> {
  const id = randomUUID();
  const [row] = await queryRows<{ epoch: number; abandoned: boolean }>(
    db,
    sql`
    with prev as (select refresh_lease_id is not null as abandoned from ${rowOf(subject)})
    update ${sql.identifier(subject.table)} set refresh_lease_id = ${id}, refresh_lease_until = clock_timestamp() + (${LEASE_MS}::float8 * interval '1 millisecond'), refresh_epoch = refresh_epoch + 1
    where id = ${subject.id} and ${GRANT_ROWS[subject.table]}
      and (refresh_lease_until is null or refresh_lease_until < clock_timestamp())
      and (${force}::boolean or access_token_expires_at is null or access_token_enc is null or access_token_expires_at <= ${staleBefore.toISOString()}::timestamptz)
    returning refresh_epoch as epoch, (select abandoned from prev) as abandoned`,
  );
  return row ? { id, epoch: Number(row.epoch), abandoned: row.abandoned === true } : null;
}

/** The fence every holder's write carries: still this lease's epoch (column names shared by both tables). */
export function leaseHeld(lease: Lease) {
  return sql`refresh_epoch = ${lease.epoch} and refresh_lease_id = ${lease.id}`;
}

/** The lease columns cleared, for the holder's final write. */
export const NO_LEASE = { refreshLeaseId: null, refreshLeaseUntil: null } as const;

/**
 * For a write that replaces or forgets a grant outside the lease (a new consent, a removal): any
 * running holder's result is refused by its fence, so it cannot bring the old chain back.
 */
export const GRANT_REPLACED = { ...NO_LEASE, refreshEpoch: sql<number>`refresh_epoch + 1` };

/** Give the lease back (the refresh's outcome is known, or nothing was sent). */
export async function releaseLease(db: Executor, subject: LeaseSubject, lease: Lease) {
  await db.execute(sql`update ${sql.identifier(subject.table)} set refresh_lease_id = null, refresh_lease_until = null where id = ${subject.id} and ${leaseHeld(lease)}`);
}

/** End the lease now but keep its owner: the next holder learns the outcome was unknown. */
export async function abandonLease(db: Executor, subject: LeaseSubject, lease: Lease) {
  await db.execute(sql`update ${sql.identifier(subject.table)} set refresh_lease_until = clock_timestamp() where id = ${subject.id} and ${leaseHeld(lease)}`);
}

/**
 * Wait for a usable access token under the lease: take it and refresh (`refresh`), or, while
 * someone else holds it, re-read (`current`) until their result is committed. `force` refreshes
 * even a fresh token (keep-alive, a 401); someone else's refresh satisfies it.
 */
export async function underLease(
  db: Executor,
  subject: LeaseSubject,
  opts: { staleBefore: () => Date; force: boolean; current: () => Promise<{ access: string | null; fresh: boolean }>; refresh: (lease: Lease) => Promise<string> },
): Promise<string> {
  let force = opts.force;
  for (;;) {
    const lease = await takeLease(db, subject, opts.staleBefore(), force);
    if (lease) return opts.refresh(lease);
    // Someone else holds the lease, or the token is fresh: re-read, and wait while a lease runs.
    const seen = await opts.current();
    if (!force && seen.fresh) return seen.access!;
    await new Promise((r) => setTimeout(r, LEASE_POLL_MS));
    if (force && (await opts.current()).access !== seen.access) force = false;
  }
}
