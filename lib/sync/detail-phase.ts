import "server-only";

import { FortnoxError } from "@/lib/fortnox/errors";

import type { RunContext } from "./context";
import { forEachConcurrent } from "./pool";
import { markRecordDeleted } from "./records";
import type { AnySyncResource } from "./resources";
import { emptyCounts } from "./runs";
import { failureReason, recordFailures } from "./store";

/**
 * Fetch in full every record the listing flagged (`needs_detail`): only new or changed ones, so an
 * incremental run after 1 % of invoices changed fetches 1 % of the details. Details are fetched
 * `detailConcurrency` at a time and written `detailBatch` per transaction. The flag is cleared in
 * the same transaction that stores the detail, so a killed worker loses nothing and a resumed run
 * refetches only what was in flight.
 */
export async function detailPhase(ctx: RunContext, res: AnySyncResource): Promise<void> {
  const detail = res.detail;
  if (!detail) return;
  const counts = (ctx.counts[res.name] ??= emptyCounts());
  counts.total += await detail.countPending(ctx.db, ctx.connectionId);
  ctx.progress();

  let buffer: unknown[] = [];
  const flush = async () => {
    const batch = buffer;
    buffer = [];
    try {
      await detail.store(ctx.db, ctx.connectionId, batch);
    } catch (e) {
      // One record the database refuses must not cost its batch: store them one by one, and report
      // the one that fails on the run. Its flag stays set, so the next run tries it again.
      if (batch.length === 1) recordFailures(counts, [{ number: res.numberOf(batch[0]), error: failureReason(e) }]);
      else for (const record of batch) await storeOne(record);
    }
    counts.done += batch.length;
    ctx.progress();
  };
  const storeOne = async (record: unknown) => {
    try {
      await detail.store(ctx.db, ctx.connectionId, [record]);
    } catch (e) {
      recordFailures(counts, [{ number: res.numberOf(record), error: failureReason(e) }]);
    }
  };

  // Keyset over the flagged numbers: a record that stays flagged is not fetched twice in one run.
  for (let after: string | null = null; ; ) {
    const numbers = await detail.pending(ctx.db, ctx.connectionId, after, ctx.deps.detailBatch * ctx.deps.detailConcurrency * 4);
    if (numbers.length === 0) break;
    after = numbers[numbers.length - 1]!;
    // Details already fetched are stored even when a later one fails: spent requests are not wasted.
    await forEachConcurrent(numbers, ctx.deps.detailConcurrency, async (number) => {
      let record: unknown;
      try {
        record = await ctx.api.get(`${res.fortnox.path}/${encodeURIComponent(number)}`, res.fortnox.one);
      } catch (e) {
        // A detail that does not decode is one odd record: reported on the run, which goes on.
        if (e instanceof FortnoxError && e.status < 300) {
          recordFailures(counts, [{ number, error: e.message }]);
          counts.done++;
          return;
        }
        // Deleted between the listing and now: the listing's next full pass would say so too.
        if (!(e instanceof FortnoxError && e.status === 404)) throw e;
        if (await markRecordDeleted(ctx.db, ctx.connectionId, res, number)) counts.deleted++;
        counts.done++;
        return;
      }
      // Push after the await: `buffer` may have been swapped by another lane's flush meanwhile.
      buffer.push(record);
      if (buffer.length >= ctx.deps.detailBatch) await flush();
    }).finally(async () => {
      if (buffer.length > 0) await flush();
    });
  }
}
