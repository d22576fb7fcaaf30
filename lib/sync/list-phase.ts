import "server-only";

import { and, eq, isNull, lt, or, sql } from "drizzle-orm";

import type { Page } from "@/lib/fortnox/wire";

import type { ResourceCheckpoint, RunContext } from "./context";
import { forEachConcurrent } from "./pool";
import type { AnySyncResource } from "./resources";
import { emptyCounts } from "./runs";
import { markSeen, recordFailures, upsertRecords } from "./store";

/**
 * Listing: page 1 tells how many pages there are, then the rest are fetched `pageConcurrency` at a
 * time so the rate limit's whole budget is used. Every page is upserted as it arrives; the
 * checkpoint moves past a page only when it and every page before it are stored, so a resumed run
 * repeats at most the pages that were in flight (harmless: upserts are idempotent).
 */
export async function listPhase(ctx: RunContext, res: AnySyncResource, cp: ResourceCheckpoint): Promise<void> {
  const counts = (ctx.counts[res.name] ??= emptyCounts());
  const query = cp.since ? { lastmodified: cp.since } : {};
  // Pages stored ahead of `nextPage` (four are fetched at once), with their sizes.
  const done = new Map<number, number>();

  async function store(page: Page<unknown>, n: number) {
    const rows = page.items.map((item) => res.toRow(ctx.connectionId, item) as Record<string, unknown>);
    const numbers = page.items.map((item) => res.numberOf(item));
    const result = await upsertRecords(ctx.db, res.record, rows, { omit: res.listOmits, batchSize: ctx.deps.writeBatch, between: () => ctx.pause() });
    // One record that cannot be decoded or stored is reported on the run, never stops it.
    recordFailures(counts, [...(page.failures ?? []), ...result.failed]);
    if (cp.full)
      for (let i = 0; i < numbers.length; i += ctx.deps.writeBatch) {
        await ctx.pause();
        await markSeen(ctx.db, res.record, ctx.connectionId, numbers.slice(i, i + ctx.deps.writeBatch), new Date());
      }
    // lastmodified lists a record for any change, including fields its list item lacks.
    else if (res.detail) await res.detail.markPending(ctx.db, ctx.connectionId, numbers);
    counts.fetched += rows.length;
    counts.created += result.created;
    counts.updated += result.updated;
    counts.unchanged += result.unchanged;
    // Items skipped as undecodable were listed too (and named on the run): progress counts them.
    const listed = rows.length + (page.failures?.length ?? 0);
    counts.listed += listed;
    done.set(n, listed);
    for (let size = done.get(cp.nextPage); size !== undefined; size = done.get(cp.nextPage)) {
      done.delete(cp.nextPage);
      cp.listed = (cp.listed ?? 0) + size;
      cp.nextPage++;
    }
    ctx.progress();
  }

  if (cp.totalPages === null || cp.nextPage === 1) {
    const first = await ctx.api.list(res.fortnox.path, res.fortnox.page, { ...query, page: cp.nextPage });
    // Without MetaInformation a page is the last one when it is short; then there is no page 2.
    cp.totalPages = first.page.totalPages ?? (first.items.length < 500 ? cp.nextPage : cp.nextPage + 1);
    cp.listTotal = first.page.totalResources ?? first.items.length;
    counts.listTotal = cp.listTotal;
    await store(first, cp.nextPage);
  }
  const remaining: number[] = [];
  for (let p = cp.nextPage; p <= cp.totalPages; p++) remaining.push(p);
  await forEachConcurrent(remaining, ctx.deps.pageConcurrency, async (p) => {
    const page = await ctx.api.list(res.fortnox.path, res.fortnox.page, { ...query, page: p });
    await store(page, p);
  });
  cp.nextPage = Math.max(cp.nextPage, cp.totalPages + 1);
  // Records created in Fortnox while listing can make the last page longer than page 1 promised.
  cp.listTotal = counts.listTotal = Math.max(cp.listTotal ?? 0, cp.listed ?? 0);
}

/** Full passes learn the `Active` flag, which list items lack, from Fortnox's `filter=inactive`. */
export async function inactivePhase(ctx: RunContext, res: AnySyncResource): Promise<void> {
  if (!res.inactiveFilter) return;
  const inactive = (await ctx.api.listAll(res.fortnox.path, res.fortnox.page, { filter: res.inactiveFilter })).map((i) => res.numberOf(i));
  const t = res.record;
  const isInactive = inactive.length ? sql`${t.number} in (${sql.join(inactive.map((n) => sql`${n}`), sql`, `)})` : sql`false`;
  await ctx.db
    .update(t.table)
    .set({ active: sql`not (${isInactive})` })
    .where(and(eq(t.connectionId, ctx.connectionId), sql`active is distinct from not (${isInactive})`));
}

/**
 * After a complete full listing, whatever it did not see is gone from Fortnox: soft-delete it with
 * the time. Records written after the run began (write-back, real-time) are spared.
 */
export async function deletionPhase(ctx: RunContext, res: AnySyncResource): Promise<void> {
  const t = res.record;
  const gone = await ctx.db
    .update(t.table)
    .set({ deletedAt: new Date() })
    .where(and(eq(t.connectionId, ctx.connectionId), isNull(t.deletedAt), or(isNull(t.seenAt), lt(t.seenAt, ctx.startedAt)), lt(t.syncedAt, ctx.startedAt)))
    .returning({ n: t.number });
  (ctx.counts[res.name] ??= emptyCounts()).deleted += gone.length;
}
