/**
 * Named data-set sizes and parsing of seed specs from config/env ("demo", "demo:7", or an object).
 * Invalid input fails loudly: a sandbox silently seeded with the wrong size wastes a test run.
 */
import type { SeedSpec } from "../core/types";

export const SEED_SIZES = {
  empty: { customers: 0, articles: 0, invoices: 0, seed: 1 },
  tiny: { customers: 8, articles: 10, invoices: 25, seed: 1 },
  small: { customers: 50, articles: 40, invoices: 300, seed: 1 },
  demo: { customers: 300, articles: 120, invoices: 2500, seed: 1 },
  large: { customers: 10_000, articles: 10_000, invoices: 2_000, seed: 1 },
  huge: { customers: 20_000, articles: 2_000, invoices: 100_000, seed: 1 },
} as const satisfies Record<string, SeedSpec>;

export type SeedSizeName = keyof typeof SEED_SIZES;

const COUNT_KEYS = ["customers", "articles", "invoices"] as const;
const ALL_KEYS: readonly string[] = [...COUNT_KEYS, "seed"];

function isSizeName(name: string): name is SeedSizeName {
  return Object.hasOwn(SEED_SIZES, name);
}

function checkCount(key: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
    throw new Error(`Seed spec: "${key}" must be a non-negative integer, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** Validates a complete spec; invoices need somebody to bill and something to sell. */
function validate(spec: SeedSpec): SeedSpec {
  for (const key of COUNT_KEYS) checkCount(key, spec[key]);
  if (!Number.isSafeInteger(spec.seed)) {
    throw new Error(`Seed spec: "seed" must be an integer, got ${JSON.stringify(spec.seed)}`);
  }
  if (spec.invoices > 0 && (spec.customers === 0 || spec.articles === 0)) {
    throw new Error("Seed spec: invoices need at least one customer and one article");
  }
  return { customers: spec.customers, articles: spec.articles, invoices: spec.invoices, seed: spec.seed };
}

/**
 * "tiny" | "demo:7" (size name, optional PRNG seed) | a partial SeedSpec (missing counts are 0,
 * missing seed is 1). Throws an Error naming the problem for unknown names, unknown keys, and
 * negative or non-integer counts.
 */
export function resolveSeedSpec(input: string | Partial<SeedSpec>): SeedSpec {
  if (typeof input === "string") {
    const [rawName = "", rawSeed, ...rest] = input.trim().toLowerCase().split(":");
    if (!isSizeName(rawName) || rest.length > 0) {
      throw new Error(
        `Unknown seed size "${input}". Use one of ${Object.keys(SEED_SIZES).join(", ")} (optionally "name:seed").`,
      );
    }
    const base = SEED_SIZES[rawName];
    if (rawSeed === undefined) return { ...base };
    if (!/^-?\d+$/.test(rawSeed)) throw new Error(`Seed spec "${input}": the seed after ":" must be an integer`);
    return validate({ ...base, seed: Number(rawSeed) });
  }
  if (typeof input !== "object" || input === null) {
    throw new Error(`Seed spec must be a size name or an object, got ${JSON.stringify(input)}`);
  }
  const unknown = Object.keys(input).filter((k) => !ALL_KEYS.includes(k));
  if (unknown.length > 0) throw new Error(`Seed spec: unknown key(s) ${unknown.join(", ")}`);
  return validate({
    customers: input.customers ?? 0,
    articles: input.articles ?? 0,
    invoices: input.invoices ?? 0,
    seed: input.seed ?? 1,
  });
}
