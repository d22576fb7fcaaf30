import { apiError } from "../core/errors";
import type { ApiContext, StoredRecord, Wire } from "../core/types";
import { str } from "../core/wire";

/**
 * The list semantics every Fortnox resource shares (fortnox-facts §3.3): page/limit/offset paging
 * with MetaInformation, sortby/sortorder, one resource filter, search fields, and `lastmodified`
 * in Swedish local time. Each resource supplies its own tables of filters, sorts and fields.
 */

export interface ListSpec {
  /** Envelope key, e.g. "Customers". */
  plural: string;
  /** The record's number field, e.g. "CustomerNumber"; default order, numeric where numeric. */
  numberField: string;
  path: string;
  /** Fields of the list item, in the order the spec lists them. */
  itemFields: readonly string[];
  sorts: Record<string, string>;
  filters: Record<string, (r: Wire, now: Date) => boolean>;
  /** Query parameter → predicate on the record. */
  search: Record<string, (r: Wire, value: string) => boolean>;
}

const MAX_LIMIT = 500;
const DEFAULT_LIMIT = 100;
// Parameters every list accepts; anything else the resource does not know is "Ogiltig parameter".
const GLOBAL = new Set(["page", "limit", "offset", "sortby", "sortorder", "filter", "lastmodified", "financialyear", "financialyeardate"]);

export const contains = (field: string) => (r: Wire, v: string) => str(r[field]).toLowerCase().includes(v.toLowerCase());
export const equals = (field: string) => (r: Wire, v: string) => str(r[field]) === v;

/** "YYYY-MM-DD HH:MM[:SS]" as Stockholm wall-clock time → the instant (DST-correct). */
export function parseStockholm(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(value.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((x: string | undefined) => x ?? "0");
  const asUtc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  // Stockholm is UTC+1 or UTC+2; find the offset that maps back to the same wall-clock time.
  for (const offsetH of [1, 2]) {
    const candidate = new Date(asUtc - offsetH * 3600_000);
    if (stockholmWallClock(candidate) === asUtc) return candidate;
  }
  // A wall-clock time inside the spring-forward gap: take the later offset's instant.
  return new Date(asUtc - 3600_000);
}

const fmt = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Stockholm", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" });

function stockholmWallClock(instant: Date): number {
  const p = Object.fromEntries(fmt.formatToParts(instant).map((x) => [x.type, x.value]));
  return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
}

function intParam(q: URLSearchParams, name: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const raw = q.get(name);
  if (raw === null || raw === "") return fallback;
  if (!/^\d+$/.test(raw)) throw apiError("invalidParameter");
  const n = Number(raw);
  if (n < min || n > max) throw apiError("invalidParameter");
  return n;
}

function compareNumbers(a: unknown, b: unknown): number {
  const x = str(a);
  const y = str(b);
  const nx = Number(x);
  const ny = Number(y);
  if (x !== "" && y !== "" && Number.isFinite(nx) && Number.isFinite(ny)) return nx - ny;
  return x.localeCompare(y, "sv");
}

export function project(r: Wire, fields: readonly string[], url: string): Wire {
  const out: Wire = { "@url": url };
  for (const f of fields) if (f !== "@url" && f in r) out[f] = r[f];
  return out;
}

export function listRecords(ctx: ApiContext, records: Map<string, StoredRecord>, spec: ListSpec) {
  const q = ctx.query;
  for (const key of q.keys()) if (!GLOBAL.has(key) && !(key in spec.search)) throw apiError("invalidParameter");
  const limit = intParam(q, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
  const page = intParam(q, "page", 1, 1);
  const offset = intParam(q, "offset", 0, 0);
  const sortKey = q.get("sortby");
  const sortField = sortKey ? spec.sorts[sortKey.toLowerCase()] : spec.numberField;
  if (!sortField) throw apiError("invalidParameter");
  const order = q.get("sortorder") ?? "ascending";
  if (order !== "ascending" && order !== "descending") throw apiError("invalidParameter");
  const filterName = q.get("filter");
  const filter = filterName ? spec.filters[filterName.toLowerCase()] : undefined;
  if (filterName && !filter) throw apiError("invalidParameter");
  const since = q.get("lastmodified") ? parseStockholm(q.get("lastmodified")!) : null;
  if (q.get("lastmodified") && !since) throw apiError("invalidParameter");
  const searches = Object.entries(spec.search).flatMap(([k, pred]) => (q.get(k) !== null ? [[q.get(k)!, pred] as const] : []));

  const matched: Wire[] = [];
  for (const rec of records.values()) {
    if (since && rec.lastModified < since) continue;
    if (filter && !filter(rec.data, ctx.now)) continue;
    if (searches.some(([v, pred]) => !pred(rec.data, v))) continue;
    matched.push(rec.data);
  }
  const dir = order === "descending" ? -1 : 1;
  matched.sort((a, b) => dir * (compareNumbers(a[sortField], b[sortField]) || compareNumbers(a[spec.numberField], b[spec.numberField])));
  const start = offset + (page - 1) * limit;
  const items = matched.slice(start, start + limit).map((r) => project(r, spec.itemFields, `${ctx.baseUrl}${spec.path}/${encodeURIComponent(String(r[spec.numberField]))}`));
  return {
    status: 200,
    body: {
      [spec.plural]: items,
      MetaInformation: { "@TotalResources": matched.length, "@TotalPages": Math.max(1, Math.ceil(matched.length / limit)), "@CurrentPage": page },
    },
  };
}
