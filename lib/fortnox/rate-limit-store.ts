import "server-only";

import { sql } from "drizzle-orm";

import type { Database } from "@/lib/db/client";
import { queryRows } from "@/lib/db/raw";

import type { Priority, WindowState } from "./rate-limit-policy";

/**
 * The rate limiter's SQL (lib/fortnox/rate-limiter.ts has the design). One key row per (client id,
 * tenant) whose row lock serialises grants across processes; one slot row per request.
 */

type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];
export type Executor = Database | Tx;

export interface StoreKey {
  clientId: string;
  tenantId: number;
}

const ms = (column: string) => sql.raw(`(extract(epoch from ${column}) * 1000)::float8`);
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/**
 * Lock the key's row (creating it if needed) and read its state. A person's request stamps
 * `interactive_at` in the same statement, so background workers everywhere see the demand at once.
 */
export async function lockKey(tx: Executor, key: StoreKey, priority: Priority) {
  const lock = sql`
    update rate_limit_keys set interactive_at = case when ${priority === "interactive"}::boolean then clock_timestamp() else interactive_at end
    where client_id = ${key.clientId} and fortnox_tenant_id = ${key.tenantId}
    returning id, ${ms("paused_until")} as paused_ms, ${ms("paced_at")} as paced_ms, ${ms("interactive_at")} as interactive_ms`;
  type Row = { id: number | string; paused_ms: number | null; paced_ms: number | null; interactive_ms: number | null };
  let [row] = await queryRows<Row>(tx, lock);
  if (!row) {
    await tx.execute(sql`insert into rate_limit_keys (client_id, fortnox_tenant_id) values (${key.clientId}, ${key.tenantId}) on conflict do nothing`);
    [row] = await queryRows<Row>(tx, lock);
  }
  return { id: Number(row!.id), pausedUntil: num(row!.paused_ms), pacedAt: num(row!.paced_ms), interactiveAt: num(row!.interactive_ms) };
}

/**
 * Prune slots that left the span and return the rest, oldest first. A slot leaves `spanMs` after
 * its answer came back; in flight it counts as now, until `inflightMs` after its grant (its sender
 * died: no request lives that long).
 */
export async function readWindow(tx: Executor, keyId: number, spanMs: number, inflightMs: number): Promise<Pick<WindowState, "now" | "slots">> {
  const span = sql`(${spanMs}::float8 * interval '1 millisecond')`;
  const inflight = sql`(${inflightMs}::float8 * interval '1 millisecond')`;
  const rows = await queryRows<{ now_ms: number; at_ms: number | null; flying: boolean | null }>(
    tx,
    sql`
    with clock as (select clock_timestamp() as t),
    eff as (
      select s.id, coalesce(s.done_at, least(c.t, s.granted_at + ${inflight})) as at, (s.done_at is null and s.granted_at + ${inflight} > c.t) as flying
      from rate_limit_slots s, clock c where s.key_id = ${keyId}
    ),
    pruned as (delete from rate_limit_slots s using eff, clock c where s.id = eff.id and eff.at <= c.t - ${span})
    select ${ms("c.t")} as now_ms, ${ms("eff.at")} as at_ms, eff.flying
    from clock c left join eff on eff.at > c.t - ${span}
    order by eff.at`,
  );
  return { now: Number(rows[0]!.now_ms), slots: rows.filter((r) => r.at_ms !== null).map((r) => ({ at: Number(r.at_ms), flying: r.flying === true })) };
}

/**
 * Take a slot; a background grant also moves the key's pacing on by one interval. On the schedule,
 * not from the grant: a grant that came late (a slow transaction, a late timer) does not push every
 * later one back, or the pace would drift below the window's. After a pause longer than an
 * interval the schedule restarts from now.
 */
export async function insertSlot(tx: Executor, keyId: number, priority: Priority, intervalMs: number) {
  const background = priority === "background";
  const interval = sql`(${intervalMs}::float8 * interval '1 millisecond')`;
  const [row] = await queryRows<{ id: number | string; granted_ms: number }>(
    tx,
    sql`
    with ins as (insert into rate_limit_slots (key_id, granted_at, interactive) values (${keyId}, clock_timestamp(), ${!background}::boolean) returning id, granted_at),
    paced as (
      update rate_limit_keys set paced_at = greatest(coalesce(paced_at, '-infinity'), (select granted_at from ins) - ${interval}) + ${interval}
      where id = ${keyId} and ${background}::boolean
    )
    select id, ${ms("granted_at")} as granted_ms from ins`,
  );
  return { slotId: Number(row!.id), grantedAt: Number(row!.granted_ms) };
}

/** The request's answer came back by `doneMs` (the database's clock): the slot starts to leave. */
export async function markDone(db: Executor, slotId: number, doneMs: number) {
  await db.execute(sql`update rate_limit_slots set done_at = to_timestamp(${doneMs}::float8 / 1000) where id = ${slotId} and done_at is null`);
}

/** Pause every worker on the key until `pauseMs` from now (never shortening a longer pause). */
export async function pauseKey(db: Executor, key: StoreKey, pauseMs: number) {
  await db.execute(sql`
    insert into rate_limit_keys (client_id, fortnox_tenant_id, paused_until)
    values (${key.clientId}, ${key.tenantId}, clock_timestamp() + (${pauseMs}::float8 * interval '1 millisecond'))
    on conflict (client_id, fortnox_tenant_id)
    do update set paused_until = greatest(rate_limit_keys.paused_until, excluded.paused_until)`);
}
