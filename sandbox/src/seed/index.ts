/**
 * Deterministic Swedish demo data for the Fortnox sandbox. Same options → identical database:
 * every random choice comes from a seeded PRNG and every date from `now`.
 */
import type { SeedSpec, StoredRecord, TestDatabase, Wire } from "../core/types";
import { ALL_SCOPES, defaultPredefinedAccounts, generateCompany, generateUsers, mailDomainFor } from "./company";
import { generateArticles } from "./articles";
import { generateCustomers } from "./customers";
import { instantOn, stockholmEpochDay } from "./dates";
import { makeForeign } from "./foreign";
import { SLOW_PAYERS, USUAL_PAYERS } from "./invoice-status";
import { generateInvoices } from "./invoices";
import { Rng } from "./prng";
import { resolveSeedSpec } from "./seed-sizes";

export { SEED_PRESETS, SEED_PROFILES, SEED_SIZES, resolveSeedSpec, type SeedPreset, type SeedSizeName } from "./seed-sizes";
export { FOREIGN_CURRENCIES, currencyRate } from "./foreign";
export {
  applyArticleDefaults,
  computeInvoice,
  computeRow,
  resolveRowAccount,
  roundHalfAway,
  toOre,
  fromOre,
  type ComputeInvoiceOptions,
} from "./invoice-math";
export { isLuhnValid, isValidOcr, luhnCheckDigit, ocrFor, gs1CheckDigit, isGs1Valid } from "./luhn";
export { ALL_SCOPES, DEFAULT_SALES_ACCOUNTS, defaultPredefinedAccounts } from "./company";

export interface GenerateOptions {
  tenantId: number;
  /** Company name override; otherwise an invented "<name> <trade> AB". */
  name?: string;
  seed: SeedSpec;
  /** Reference instant: invoice history ends here and statuses (due, overdue) are relative to it. */
  now: Date;
}

/** A stored record whose lastModified falls during office hours on `epochDay`, never after `now`. */
function stored(data: Wire, epochDay: number, rng: Rng, now: Date): StoredRecord {
  return { data, lastModified: instantOn(epochDay, rng.int(7 * 60, 17 * 60), now) };
}

export function generateTestDatabase(opts: GenerateOptions): TestDatabase {
  const spec = resolveSeedSpec(opts.seed);
  if (!Number.isSafeInteger(opts.tenantId) || opts.tenantId <= 0) {
    throw new Error(`tenantId must be a positive integer, got ${opts.tenantId}`);
  }
  if (Number.isNaN(opts.now.getTime())) throw new Error("now must be a valid Date");
  // The tenant id is mixed in so two tenants with the same spec still look like different companies.
  const base = (spec.seed ^ Math.imul(opts.tenantId, 0x9e3779b1)) >>> 0;
  const rng = (stream: string) => Rng.forStream(base, stream);

  const company = generateCompany(rng("company"), opts.name);
  const users = generateUsers(rng("users"), mailDomainFor(company.CompanyName));
  const predefinedAccounts = defaultPredefinedAccounts();
  const today = stockholmEpochDay(opts.now);

  let customerWires = generateCustomers(rng("customers"), spec.customers, users.map((u) => u.name));
  if (spec.profile === "foreign") {
    // Two in three customers abroad; the rest stay Swedish so the register is a realistic mix.
    const abroad = rng("foreign");
    customerWires = customerWires.map((c) => (abroad.chance(2 / 3) ? makeForeign(abroad, c) : c));
  }
  const articleWires = generateArticles(rng("articles"), spec.articles);
  const invoices = generateInvoices({
    rng: rng("invoices"),
    count: spec.invoices,
    customers: customerWires,
    articles: articleWires,
    predefined: predefinedAccounts,
    today,
    companyName: company.CompanyName,
    companyEmail: company.Email,
    habits: spec.profile === "overdue" ? SLOW_PAYERS : USUAL_PAYERS,
  });

  // Registers were set up before the first invoice; spread their edits over the history period.
  const clock = rng("lastmodified");
  const registerDay = () => today - clock.int(30, 600);
  const customers = new Map<string, StoredRecord>();
  for (const c of customerWires) customers.set(String(c.CustomerNumber), stored(c, registerDay(), clock, opts.now));
  const articles = new Map<string, StoredRecord>();
  for (const a of articleWires) articles.set(String(a.ArticleNumber), stored(a, registerDay(), clock, opts.now));
  const invoiceMap = new Map<string, StoredRecord>();
  for (const inv of invoices) {
    invoiceMap.set(String(inv.data.DocumentNumber), stored(inv.data, inv.lastModifiedDay, clock, opts.now));
  }

  return {
    tenantId: opts.tenantId,
    company,
    licences: [...ALL_SCOPES],
    locked: false,
    predefinedAccounts,
    users,
    customers,
    articles,
    invoices: invoiceMap,
    usedCustomerNumbers: new Set(customers.keys()),
    nextCustomerNumber: spec.customers + 1,
    nextArticleNumber: spec.articles + 1,
    nextDocumentNumber: spec.invoices + 1,
    seed: spec,
  };
}
