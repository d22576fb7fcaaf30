/**
 * Named data-set sizes and parsing of seed specs from config/env ("demo", "demo:7", or an object).
 * Invalid input fails loudly: a sandbox silently seeded with the wrong size wastes a test run.
 */
import type { SeedProfile, SeedSpec } from "../core/types";

export const SEED_SIZES = {
  empty: { customers: 0, articles: 0, invoices: 0, seed: 1 },
  tiny: { customers: 8, articles: 10, invoices: 25, seed: 1 },
  small: { customers: 50, articles: 40, invoices: 300, seed: 1 },
  demo: { customers: 300, articles: 120, invoices: 2500, seed: 1 },
  large: { customers: 10_000, articles: 10_000, invoices: 2_000, seed: 1 },
  huge: { customers: 20_000, articles: 2_000, invoices: 100_000, seed: 1 },
  overdue: { customers: 200, articles: 60, invoices: 2_000, seed: 1, profile: "overdue" },
  foreign: { customers: 150, articles: 60, invoices: 1_200, seed: 1, profile: "foreign" },
} as const satisfies Record<string, SeedSpec>;

export type SeedSizeName = keyof typeof SEED_SIZES;

export interface SeedPreset {
  name: SeedSizeName;
  label: { sv: string; en: string };
  description: { sv: string; en: string };
  spec: SeedSpec;
}

const preset = (name: SeedSizeName, sv: [string, string], en: [string, string]): SeedPreset => ({ name, label: { sv: sv[0], en: en[0] }, description: { sv: sv[1], en: en[1] }, spec: { ...SEED_SIZES[name] } });

/** The named seeds as a list a portal can offer (`POST /developer/api/databases {seed: name}`), in display order. */
export const SEED_PRESETS: readonly SeedPreset[] = [
  preset("small", ["Litet företag", "50 kunder, 40 artiklar, 300 fakturor"], ["Small business", "50 customers, 40 articles, 300 invoices"]),
  preset("demo", ["Demoföretag", "300 kunder, 120 artiklar, 2 500 fakturor"], ["Demo company", "300 customers, 120 articles, 2,500 invoices"]),
  preset("overdue", ["Många förfallna fakturor", "Kunder som betalar sent eller inte alls: de flesta obetalda fakturor är förfallna, med påminnelser"], ["Many overdue invoices", "Customers who pay late or never: most unpaid invoices are past due, with reminders"]),
  preset("foreign", ["Kunder i utländsk valuta", "Kunder i Norge, Danmark, Tyskland, Finland och USA, fakturerade i NOK, DKK, EUR och USD utan svensk moms"], ["Customers in foreign currency", "Customers in Norway, Denmark, Germany, Finland and the USA, invoiced in NOK, DKK, EUR and USD without Swedish VAT"]),
  preset("huge", ["Företag med 100 000 fakturor", "20 000 kunder, 2 000 artiklar, 100 000 fakturor (tar några sekunder)"], ["100,000-invoice company", "20,000 customers, 2,000 articles, 100,000 invoices (takes a few seconds)"]),
  preset("large", ["Stora register", "10 000 kunder, 10 000 artiklar, 2 000 fakturor"], ["Large registers", "10,000 customers, 10,000 articles, 2,000 invoices"]),
  preset("tiny", ["Minimalt", "8 kunder, 10 artiklar, 25 fakturor"], ["Tiny", "8 customers, 10 articles, 25 invoices"]),
  preset("empty", ["Tomt företag", "Inga kunder, artiklar eller fakturor"], ["Empty company", "No customers, articles or invoices"]),
];

export const SEED_PROFILES: readonly SeedProfile[] = ["standard", "overdue", "foreign"];

const COUNT_KEYS = ["customers", "articles", "invoices"] as const;
const ALL_KEYS: readonly string[] = [...COUNT_KEYS, "seed", "profile"];

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
  if (spec.profile !== undefined && !SEED_PROFILES.includes(spec.profile)) {
    throw new Error(`Seed spec: "profile" must be one of ${SEED_PROFILES.join(", ")}, got ${JSON.stringify(spec.profile)}`);
  }
  const out: SeedSpec = { customers: spec.customers, articles: spec.articles, invoices: spec.invoices, seed: spec.seed };
  // "standard" is the default and is left out, so specs stored before profiles existed compare equal.
  if (spec.profile !== undefined && spec.profile !== "standard") out.profile = spec.profile;
  return out;
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
    profile: input.profile,
  });
}
