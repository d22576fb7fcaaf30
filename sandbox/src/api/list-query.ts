import { apiError } from "../core/errors";
import type { ApiContext, ApiResult, StoredRecord, Wire } from "../core/types";
import { str } from "../core/wire";

/**
 * The list semantics every Fortnox resource shares (docs/fortnox.md#api-conventions): page/limit/offset paging
 * with MetaInformation, sortby/sortorder, one resource filter, search fields, and `lastmodified`
 * in Swedish local time. Each resource supplies its own tables; nothing here knows resource names.
 *
 * Unknown query parameters are rejected with 2000588, as Fortnox does (a client sending `phone1`
 * instead of `phone` got "Ogiltig parameter i anropet.", softwerkab/fortnox-csharp-api-sdk#289).
 *
 * Cost: one pass to filter (no copies), keys computed once per match, one O(n log n) sort, and
 * only the requested page is projected into list items.
 */

/** Turns a query value into a record predicate; throws 2000588 for a value it cannot use. The whole query is there for paired bounds. */
export type Criterion = (value: string, query: URLSearchParams) => (r: Wire) => boolean;

export interface SortSpec {
  field: string;
  /** "number": numeric order where both values are numbers (Fortnox numbers are strings); else text. */
  kind: "number" | "text";
}

export interface ListSpec {
  /** Envelope key, e.g. "Customers". */
  plural: string;
  /** The record's number field, e.g. "CustomerNumber": the default order and the tie-break. */
  numberField: string;
  path: string;
  /** Fields of the spec's list item. */
  itemFields: readonly string[];
  /** Record → list-item view, applied to the returned page only (e.g. Phone1 → Phone). */
  itemView?: (r: Wire) => Wire;
  sorts: Readonly<Record<string, SortSpec>>;
  /** `filter=` values; the predicate may depend on today's date. */
  filters: Readonly<Record<string, (now: Date) => (r: Wire) => boolean>>;
  /** Resource-specific query parameters. */
  search: Readonly<Record<string, Criterion>>;
  /** Date field `financialyeardate` selects on (calendar financial years); omitted → accepted, no effect. */
  financialYearField?: string;
}

const MAX_LIMIT = 500;
const DEFAULT_LIMIT = 100;
const GLOBAL = new Set(["page", "limit", "offset", "sortby", "sortorder", "filter", "lastmodified", "financialyear", "financialyeardate"]);

const bad = () => apiError("invalidParameter");
const collator = new Intl.Collator("sv");

// ---- criteria shared by the resources -------------------------------------------------------

/** Case-insensitive substring, Fortnox's search for names and text (ILIKE %value%). */
export const contains =
  (field: string): Criterion =>
  (value) => {
    const needle = value.toLowerCase();
    return (r) => str(r[field]).toLowerCase().includes(needle);
  };

/** Exact match, for numbers and codes a client uses to fetch one thing (customernumber=12 must not return 120). */
export const exact =
  (field: string, caseInsensitive = false): Criterion =>
  (value) => {
    const want = caseInsensitive ? value.toUpperCase() : value;
    return (r) => (caseInsensitive ? str(r[field]).toUpperCase() : str(r[field])) === want;
  };

/** "true" / "false" against a boolean (or Fortnox's string boolean, e.g. Credit). */
export const flag =
  (field: string): Criterion =>
  (value) => {
    if (value !== "true" && value !== "false") throw bad();
    const want = value === "true";
    return (r) => (r[field] === true || r[field] === "true") === want;
  };

export function parseDateParam(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  // Date.UTC rolls 2025-13-01 over into 2026; the round trip catches that.
  if (!d || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) throw bad();
  return value;
}

/** Inclusive date bound on a YYYY-MM-DD field; records without the date never match. */
export const dateBound =
  (field: string, side: "from" | "to"): Criterion =>
  (value) => {
    const day = parseDateParam(value);
    return (r) => {
      const d = str(r[field]);
      return d !== "" && (side === "from" ? d >= day : d <= day);
    };
  };

// ---- lastmodified ---------------------------------------------------------------------------

const stockholm = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Stockholm", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" });

function stockholmWallClock(instant: Date): number {
  const p: Record<string, string> = {};
  for (const part of stockholm.formatToParts(instant)) p[part.type] = part.value;
  return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
}

/**
 * "YYYY-MM-DD HH:MM[:SS]" (or a bare date = midnight) as Stockholm wall-clock time → the instant.
 * Fortnox does not document the zone; Swedish local time is inferred (docs/fortnox.md#api-conventions).
 * An ambiguous autumn time (02:30 happens twice) resolves to the earlier instant so a sync cursor
 * never skips changes; a spring-gap time (02:30 does not exist) resolves to the instant 03:30 CEST.
 */
export function parseStockholm(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(value.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((x: string | undefined) => Number(x ?? "0")) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || h > 23 || mi > 59 || s > 59) return null;
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, s);
  if (new Date(asUtc).getUTCDate() !== d) return null;
  for (const offsetH of [2, 1]) {
    const candidate = new Date(asUtc - offsetH * 3600_000);
    if (stockholmWallClock(candidate) === asUtc) return candidate;
  }
  return new Date(asUtc - 3600_000);
}

// ---- paging and sorting ---------------------------------------------------------------------

function intParam(q: URLSearchParams, name: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const raw = q.get(name);
  if (raw === null || raw === "") return fallback;
  if (!/^\d+$/.test(raw)) throw bad();
  const n = Number(raw);
  if (n < min || n > max) throw bad();
  return n;
}

interface Keyed {
  rec: Wire;
  n: number;
  s: string;
  tn: number;
  ts: string;
}

const NUMERIC = /^-?\d+(\.\d+)?$/;
const numericKey = (s: string) => (NUMERIC.test(s) ? Number(s) : Number.NaN);

/** Numbers before text, numbers numerically, text in Swedish collation (å, ä, ö last). */
function compareKeys(an: number, as: string, bn: number, bs: string): number {
  const aNum = !Number.isNaN(an);
  const bNum = !Number.isNaN(bn);
  if (aNum && bNum) return an - bn;
  if (aNum !== bNum) return aNum ? -1 : 1;
  return collator.compare(as, bs);
}

export function itemUrl(ctx: ApiContext, path: string, id: unknown): string {
  return `${ctx.baseUrl}${path}/${encodeURIComponent(str(id))}`;
}

/** A list item: `@url` first, then the spec's item fields the record has. */
function project(r: Wire, spec: ListSpec, url: string): Wire {
  const view = spec.itemView ? spec.itemView(r) : r;
  const out: Wire = { "@url": url };
  for (const f of spec.itemFields) if (view[f] !== undefined) out[f] = view[f];
  return out;
}

export function listRecords(ctx: ApiContext, records: ReadonlyMap<string, StoredRecord>, spec: ListSpec): ApiResult {
  const q = ctx.query;
  for (const key of q.keys()) if (!GLOBAL.has(key) && !(key in spec.search)) throw bad();
  const limit = intParam(q, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
  const page = intParam(q, "page", 1, 1);
  const offset = intParam(q, "offset", 0, 0);
  intParam(q, "financialyear", 0, 0); // A financial-year id; the sandbox has none to select on, so it only checks the form.

  const sortName = q.get("sortby");
  const sort = sortName ? spec.sorts[sortName.toLowerCase()] : { field: spec.numberField, kind: "number" as const };
  if (!sort) throw bad();
  const order = (q.get("sortorder") ?? "ascending").toLowerCase();
  if (order !== "ascending" && order !== "descending") throw bad();

  const predicates: ((r: Wire) => boolean)[] = [];
  const filterName = q.get("filter");
  if (filterName !== null) {
    const make = spec.filters[filterName.toLowerCase()];
    if (!make) throw bad();
    predicates.push(make(ctx.now));
  }
  for (const [name, criterion] of Object.entries(spec.search)) {
    const value = q.get(name);
    if (value !== null) predicates.push(criterion(value, q));
  }
  const fyDate = q.get("financialyeardate");
  if (fyDate !== null) {
    const year = parseDateParam(fyDate).slice(0, 4);
    const field = spec.financialYearField;
    if (field) predicates.push((r) => str(r[field]).startsWith(year));
  }
  const lm = q.get("lastmodified");
  const since = lm === null ? null : parseStockholm(lm);
  if (lm !== null && !since) throw bad();
  const sinceMs = since?.getTime() ?? Number.NEGATIVE_INFINITY;

  const matched: Keyed[] = [];
  const tieBreak = sort.field !== spec.numberField;
  for (const rec of records.values()) {
    if (rec.lastModified.getTime() < sinceMs) continue;
    const r = rec.data;
    if (!predicates.every((p) => p(r))) continue;
    const s = str(r[sort.field]);
    const ts = tieBreak ? str(r[spec.numberField]) : "";
    matched.push({ rec: r, s, n: sort.kind === "number" ? numericKey(s) : Number.NaN, ts, tn: tieBreak ? numericKey(ts) : 0 });
  }
  // Text keys become ranks: collating the distinct values (20k names for 100k invoices) is far
  // cheaper than collating on every comparison of the main sort.
  if (sort.kind === "text") {
    const rank = new Map([...new Set(matched.map((k) => k.s))].sort(collator.compare).map((v, i) => [v, i]));
    for (const k of matched) k.n = rank.get(k.s) ?? 0;
  }
  const dir = order === "descending" ? -1 : 1;
  // Descending is the exact reverse of ascending, tie-break included, so paging stays stable both ways.
  matched.sort((a, b) => dir * (compareKeys(a.n, a.s, b.n, b.s) || (tieBreak ? compareKeys(a.tn, a.ts, b.tn, b.ts) : 0)));

  const start = offset + (page - 1) * limit;
  const items = matched.slice(start, start + limit).map((k) => project(k.rec, spec, itemUrl(ctx, spec.path, k.rec[spec.numberField])));
  return {
    status: 200,
    body: {
      [spec.plural]: items,
      // An empty result has 0 pages (seen in client fixtures of live responses); @CurrentPage echoes the request.
      MetaInformation: { "@TotalResources": matched.length, "@TotalPages": Math.ceil(matched.length / limit), "@CurrentPage": page },
    },
  };
}
