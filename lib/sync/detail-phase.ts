import "server-only";

import { FortnoxError } from "@/lib/fortnox/errors";

import { assertClaim, ClaimLostError } from "./claim";
import type { ResourceCheckpoint, RunContext } from "./context";
import { forEachConcurrent } from "./pool";
import { markRecordDeleted } from "./records";
import type { AnySyncResource } from "./resources";
import { emptyCounts } from "./runs";
import { failureReason, recordFailures } from "./store";

/**
 * Fetch in full every record the listing flagged (`needs_detail`): only new or changed ones, so an
 * incremental run after 1 % of invoices changed fetches 1 % of the details. Newest first (invoice
 * date, then number, descending): the invoices people open first get their rows first. Details are
 * fetched `detailConcurrency` at a time and written `detailBatch` per transaction, which also clears
 * the flag, and only while this worker still holds the run (the fence). A killed worker loses
 * nothing and a resumed run refetches only what was in flight.
 *
 * Progress: the total is the flagged count when the phase first began (kept in the checkpoint), and
 * what is done is that total minus what is still flagged, so a resume neither restarts nor double
 * counts what the previous worker stored.
 */
export async function detailPhase(ctx: RunContext, res: AnySyncResource, cp: ResourceCheckpoint): Promise<void> {
  const detail = res.detail;
  if (!detail) return;
  const counts = (ctx.counts[res.name] ??= emptyCounts());
  const pending = await detail.countPending(ctx.db, ctx.connectionId);
  cp.detailTotal ??= pending;
  counts.detailTotal = Math.max(cp.detailTotal, pending);
  counts.detailed = counts.detailTotal - pending;
  ctx.progress();

  let buffer: unknown[] = [];
  const flush = async () => {
    const batch = buffer;
    buffer = [];
    await ctx.pause();
    try {
      await detail.store(ctx.db, ctx.connectionId, batch, (tx) => assertClaim(tx, ctx.claim));
    } catch (e) {
      // A lost claim ends this worker's part: another owns the run now.
      if (e instanceof ClaimLostError) throw e;
      // One record the database refuses must not cost its batch: store them one by one, and report
      // the one that fails on the run. Its flag stays set, so the next run tries it again.
      if (batch.length === 1) recordFailures(counts, [{ number: res.numberOf(batch[0]), error: failureReason(e) }]);
      else for (const record of batch) await storeOne(record);
    }
    counts.detailed += batch.length;
    ctx.progress();
  };
  const storeOne = async (record: unknown) => {
    try {
      await detail.store(ctx.db, ctx.connectionId, [record], (tx) => assertClaim(tx, ctx.claim));
    } catch (e) {
      if (e instanceof ClaimLostError) throw e;
      recordFailures(counts, [{ number: res.numberOf(record), error: failureReason(e) }]);
    }
  };

  // A record that stays flagged (it should not: storing or a 404 clears it) is not fetched twice.
  const tried = new Set<string>();
  for (;;) {
    ctx.signal.throwIfAborted();
    const numbers = (await detail.pending(ctx.db, ctx.connectionId, ctx.deps.detailBatch * ctx.deps.detailConcurrency * 4)).filter((n) => !tried.has(n));
    if (numbers.length === 0) break;
    for (const n of numbers) tried.add(n);
    // Details already fetched are stored even when a later one fails: spent requests are not wasted.
    await forEachConcurrent(numbers, ctx.deps.detailConcurrency, async (number) => {
      let record: unknown;
      try {
        record = await ctx.api.get(`${res.fortnox.path}/${encodeURIComponent(number)}`, res.fortnox.one);
      } catch (e) {
        // A detail that does not decode is one odd record: reported on the run, which goes on.
        if (e instanceof FortnoxError && e.status < 300) {
          recordFailures(counts, [{ number, error: e.message }]);
          counts.detailed++;
          return;
        }
        // Deleted between the listing and now: the listing's next full pass would say so too.
        if (!(e instanceof FortnoxError && e.status === 404)) throw e;
        if (await markRecordDeleted(ctx.db, ctx.connectionId, res, number)) counts.deleted++;
        counts.detailed++;
        return;
      }
      // Push after the await: `buffer` may have been swapped by another lane's flush meanwhile.
      buffer.push(record);
      if (buffer.length >= ctx.deps.detailBatch) await flush();
    }).finally(async () => {
      if (buffer.length > 0 && !ctx.signal.aborted) await flush();
    });
  }
}
