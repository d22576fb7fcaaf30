import type { FortnoxApiError } from "../core/errors";
import type { ApiContext, ChangeEvent, StoredRecord, TestDatabase, Wire } from "../core/types";

import { itemUrl } from "./list-query";

/**
 * What every record-backed resource shares: where its records live, its wrapper and path, how a
 * missing one is reported, and how a change is stamped (lastModified = sandbox now) and announced
 * on the WebSocket topic.
 */
export interface Resource {
  records(db: TestDatabase): Map<string, StoredRecord>;
  /** Singular wrapper, e.g. "Customer". */
  wrapper: string;
  path: string;
  numberField: string;
  topic: ChangeEvent["topic"];
  /** Event type prefix, e.g. "customer" → "customer-created-v1". */
  eventPrefix: string;
  notFound(): FortnoxApiError;
  /** Extra links Fortnox puts next to `@url` (invoices: `@urlTaxReductionList`). */
  links?(ctx: ApiContext, r: Wire): Wire;
}

export function findRecord(ctx: ApiContext, res: Resource): StoredRecord {
  const rec = res.records(ctx.db).get(ctx.params.id ?? "");
  if (!rec) throw res.notFound();
  return rec;
}

/** `{"Customer": {"@url": …, …}}`, the single-record envelope. */
export function single(ctx: ApiContext, res: Resource, r: Wire): Wire {
  return { [res.wrapper]: { "@url": itemUrl(ctx, res.path, r[res.numberField]), ...res.links?.(ctx, r), ...r } };
}

/** Stores a record's new state, stamps it and emits `<prefix>-<action>-v1`. */
export function commit(ctx: ApiContext, res: Resource, data: Wire, action: string): StoredRecord {
  const id = String(data[res.numberField]);
  const rec: StoredRecord = { data, lastModified: ctx.now };
  res.records(ctx.db).set(id, rec);
  ctx.emit({ topic: res.topic, type: `${res.eventPrefix}-${action}-v1`, entityId: id });
  return rec;
}

export function remove(ctx: ApiContext, res: Resource): void {
  const rec = findRecord(ctx, res);
  const id = String(rec.data[res.numberField]);
  res.records(ctx.db).delete(id);
  ctx.emit({ topic: res.topic, type: `${res.eventPrefix}-deleted-v1`, entityId: id });
}

/** The first free number from a counter, skipping numbers taken (or reserved) since. */
export function nextFreeNumber(start: number, taken: (n: string) => boolean): { number: string; next: number } {
  let n = start;
  while (taken(String(n))) n++;
  return { number: String(n), next: n + 1 };
}
