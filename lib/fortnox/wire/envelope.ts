import "server-only";

import { z } from "zod";

import { metaInformation, toPageInfo, type Decoder, type PageInfo } from "./common";

/*
 * Fortnox's envelopes (docs/fortnox.md#api-conventions): `{"Customer": {...}}` for one record and
 * `{"Customers": [...], "MetaInformation": {...}}` for a page. Items are decoded one by one so each
 * keeps its own raw JSON.
 */

export interface Page<T> {
  items: T[];
  page: PageInfo;
  /** Items that did not decode: left out, so one odd record never fails its page (sync records them). */
  failures?: { number: string; error: string }[];
}

/** Decodes a list response into a page of domain values. */
export type PageDecoder<T> = (input: unknown) => Page<T>;

function field(input: unknown, name: string): unknown {
  if (!input || typeof input !== "object") throw new z.ZodError([{ code: "custom", path: [], message: `expected an object with "${name}"`, input }]);
  const o = input as Record<string, unknown>;
  if (name in o) return o[name];
  // Tolerate a casing drift in the wrapper key, as in error bodies.
  const lower = name.toLowerCase();
  for (const [k, v] of Object.entries(o)) if (k.toLowerCase() === lower) return v;
  throw new z.ZodError([{ code: "custom", path: [name], message: `missing "${name}"`, input }]);
}

/** `{"<key>": {...}}` → the decoded record. */
export function singleDecoder<T>(key: string, item: Decoder<T>): Decoder<T> {
  return (input) => item(field(input, key));
}

const items = z.array(z.unknown());

/**
 * `{"<key>": [...], "MetaInformation": {...}}` → a page. MetaInformation may be missing. An item
 * that does not decode is left out and reported under its `numberField` value, so one odd record
 * costs itself and not the page (the envelope itself must still be right).
 */
export function pageDecoder<T>(key: string, item: Decoder<T>, numberField: string): PageDecoder<T> {
  return (input) => {
    const list = items.parse(field(input, key));
    const meta = (input as Record<string, unknown>).MetaInformation;
    const decoded: T[] = [];
    const failures: { number: string; error: string }[] = [];
    for (const raw of list) {
      try {
        decoded.push(item(raw));
      } catch (e) {
        if (!(e instanceof z.ZodError)) throw e;
        const n = raw && typeof raw === "object" ? (raw as Record<string, unknown>)[numberField] : undefined;
        failures.push({ number: typeof n === "string" || typeof n === "number" ? String(n) : "?", error: e.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") });
      }
    }
    return { items: decoded, page: toPageInfo(meta === undefined ? undefined : metaInformation.parse(meta)), ...(failures.length ? { failures } : {}) };
  };
}

/**
 * A Fortnox resource as data: where it lives and how its payloads decode. A new resource is a new
 * module exporting one of these, never a new case in a switch.
 */
export interface FortnoxResource<TItem, TDetail> {
  /** Collection path, e.g. `/3/customers`; a record is `${path}/${number}`. */
  path: string;
  page: PageDecoder<TItem>;
  one: Decoder<TDetail>;
}
