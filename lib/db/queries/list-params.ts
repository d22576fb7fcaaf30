import { z } from "zod";

import { isCalendarDate } from "@/lib/input/dates";
import { hasForbiddenCharacters, searchText } from "@/lib/input/text";

/*
 * List state lives in the URL (shareable, reloadable, works without JS), so every list parses the
 * same untrusted searchParams. Bad values never fail a page: each one falls back to its default
 * (and the page lists what it ignored), and a cursor that does not belong to the current sort is
 * ignored (the first page is shown).
 */

export type SearchParamsInput = URLSearchParams | Record<string, string | string[] | undefined>;
export type SortDir = "asc" | "desc";
export type CursorValue = string | number | boolean | null;

export const PAGE_SIZES = [10, 25, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 25;

export interface Cursor {
  direction: "after" | "before";
  value: CursorValue;
  tie: string | number;
}

export interface ListQuery<S extends string, F> {
  q?: string;
  sort: S;
  dir: SortDir;
  filters: F;
  cursor?: Cursor;
  size: number;
}

/** One string per key, trimmed, empty values dropped (a GET form sends every field). */
export function toParamRecord(input: SearchParamsInput): Record<string, string> {
  const out: Record<string, string> = {};
  const entries = input instanceof URLSearchParams ? [...input.entries()] : Object.entries(input);
  for (const [key, raw] of entries) {
    const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
    if (value && !(key in out)) out[key] = value;
  }
  return out;
}

const cursorWire = z.object({ s: z.string(), d: z.enum(["asc", "desc"]), v: z.union([z.string(), z.number(), z.boolean(), z.null()]), k: z.union([z.string(), z.number()]) });

/** Opaque cursor: the boundary row's sort value and tie-breaker, bound to the sort it came from. */
export function encodeCursor(sort: string, dir: SortDir, value: CursorValue, tie: string | number): string {
  return Buffer.from(JSON.stringify({ s: sort, d: dir, v: value, k: tie })).toString("base64url");
}

function decodeCursor(token: string | undefined, sort: string, dir: SortDir): { value: CursorValue; tie: string | number } | undefined {
  if (!token || token.length > 512) return undefined;
  try {
    const parsed = cursorWire.safeParse(JSON.parse(Buffer.from(token, "base64url").toString("utf8")));
    if (!parsed.success || parsed.data.s !== sort || parsed.data.d !== dir) return undefined;
    // A forged cursor's strings reach SQL as sort values: nothing PostgreSQL cannot hold.
    if ([parsed.data.v, parsed.data.k].some((x) => typeof x === "string" && (x.length > 200 || hasForbiddenCharacters(x)))) return undefined;
    if (typeof parsed.data.v === "number" && !Number.isFinite(parsed.data.v)) return undefined;
    return { value: parsed.data.v, tie: parsed.data.k };
  } catch {
    return undefined;
  }
}

/** Building blocks for filter schemas: each falls back to "not set" on bad input. */
export const param = {
  // Control characters are dropped: they match nothing, and PostgreSQL cannot even hold U+0000.
  text: z
    .string()
    .transform((s) => searchText(s) || undefined)
    .optional()
    .catch(undefined),
  isoDate: z.string().refine(isCalendarDate).optional().catch(undefined),
  oneOf: <T extends string>(values: readonly [T, ...T[]]) => z.enum(values).optional().catch(undefined),
};

const sizeSchema = z.coerce
  .number()
  .int()
  .refine((n) => (PAGE_SIZES as readonly number[]).includes(n))
  .catch(DEFAULT_PAGE_SIZE);

export interface ListSpec<S extends string, F> {
  sorts: readonly [S, ...S[]];
  defaultSort: S;
  defaultDir: SortDir;
  filters: z.ZodType<F>;
}

// Building a zod schema costs far more than running one (zod 4 compiles it on first use), and
// every list view parses its URL: each spec's sort and direction schemas are built once.
const schemaCache = new WeakMap<object, { sort: z.ZodType<string>; defaultDir: z.ZodType<SortDir>; otherDir: z.ZodType<SortDir> }>();
function specSchemas<S extends string, F>(spec: ListSpec<S, F>) {
  let schemas = schemaCache.get(spec);
  if (!schemas) {
    const dir = z.enum(["asc", "desc"]);
    schemas = { sort: z.enum(spec.sorts).catch(spec.defaultSort), defaultDir: dir.catch(spec.defaultDir), otherDir: dir.catch("asc") };
    schemaCache.set(spec, schemas);
  }
  return schemas as { sort: z.ZodType<S>; defaultDir: z.ZodType<SortDir>; otherDir: z.ZodType<SortDir> };
}

/** Parse list state from the URL for one resource. Never throws: bad values become defaults. */
export function parseListQuery<S extends string, F>(spec: ListSpec<S, F>, input: SearchParamsInput): ListQuery<S, F> {
  const p = toParamRecord(input);
  const schemas = specSchemas(spec);
  const sort = schemas.sort.parse(p.sort);
  const dir = (sort === spec.defaultSort ? schemas.defaultDir : schemas.otherDir).parse(p.dir);
  const filters = spec.filters.parse(p);
  const after = decodeCursor(p[PAGER_PARAMS.after], sort, dir);
  const before = after ? undefined : decodeCursor(p[PAGER_PARAMS.before], sort, dir);
  const cursor: Cursor | undefined = after ? { direction: "after", ...after } : before ? { direction: "before", ...before } : undefined;
  return { q: param.text.parse(p.q), sort, dir, filters, cursor, size: sizeSchema.parse(p.size) };
}

/**
 * The list URL params that are not the list's own state: the keyset cursors and the pager's
 * position. No list may name a filter like one of them (list-params.test.ts): the pager writes
 * them over the list's params, so a filter of that name would be lost on the next page.
 */
export const PAGER_PARAMS = { after: "after", before: "before", position: "pos" } as const;
const CONTROL_PARAMS: string[] = Object.values(PAGER_PARAMS);

/**
 * Where the shown page starts in the whole list (0-based), from the pager's position param. Keyset
 * pages do not know their offset, so the pager carries it; it is only a label, clamped, and a page
 * with no previous page always starts at 0; null when unknown (a link without it).
 */
export function pageStart(input: SearchParamsInput, hasPrev: boolean): number | null {
  if (!hasPrev) return 0;
  const value = toParamRecord(input)[PAGER_PARAMS.position];
  return value && /^\d{1,9}$/.test(value) ? Number(value) : null;
}

/**
 * The params a URL gave that `parseListQuery` could not honour as given (an unknown sort, a date
 * that does not exist, a search term with control characters…). Pages fall back and say which
 * (components/browse/ignored-params.tsx); an export refuses instead, so a file never silently holds
 * other rows than the user asked for.
 */
export function listQueryProblems<S extends string, F>(spec: ListSpec<S, F>, input: SearchParamsInput, query = parseListQuery(spec, input)): string[] {
  const p = toParamRecord(input);
  const given = { q: query.q, sort: query.sort, dir: query.dir, size: query.size, ...(query.filters as object) } as Record<string, string | number | boolean | undefined>;
  const filterKeys = Object.keys((spec.filters as unknown as { shape?: object }).shape ?? {});
  const known = new Set(["q", "sort", "dir", "size", ...filterKeys]);
  return Object.keys(p).filter((key) => !CONTROL_PARAMS.includes(key) && known.has(key) && String(given[key] ?? "") !== p[key]);
}

/** The URL params that reproduce a query (without the cursor): for links, exports and forms. */
export function listQueryParams<S extends string, F extends object>(spec: ListSpec<S, F>, query: ListQuery<S, F>): Record<string, string> {
  const out: Record<string, string> = {};
  if (query.q) out.q = query.q;
  for (const [key, value] of Object.entries(query.filters)) if (value !== undefined && value !== null && value !== "") out[key] = String(value);
  if (query.sort !== spec.defaultSort || query.dir !== spec.defaultDir) {
    out.sort = query.sort;
    out.dir = query.dir;
  }
  if (query.size !== DEFAULT_PAGE_SIZE) out.size = String(query.size);
  return out;
}

/** Escape LIKE wildcards so user input matches literally. */
export function likeEscape(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
