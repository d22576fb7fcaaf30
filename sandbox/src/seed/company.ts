/**
 * The company (tenant) behind a test database: its identity, licences, users and predefined
 * accounts. Separate from customers/invoices because the core also builds bare tenants from it.
 */
import type { PredefinedAccounts, SandboxUser, TestDatabase } from "../core/types";
import type { Rng } from "./prng";
import {
  COMPANY_PREFIXES,
  COMPANY_TRADES,
  FEMALE_FIRST_NAMES,
  LAST_NAMES,
  MALE_FIRST_NAMES,
  asciiSlug,
} from "./swedish-names";
import { address, bankgiro, landline, organisationNumber, vatNumberFor } from "./swedish-ids";

/** The 23 scopes that recur across independent SDKs (docs/fortnox.md#scopes); a demo tenant licenses all. */
export const ALL_SCOPES: readonly string[] = [
  "salary", "bookkeeping", "archive", "connectfile", "article", "companyinformation", "settings",
  "invoice", "costcenter", "currency", "customer", "inbox", "payment", "noxfinansinvoice", "offer",
  "order", "price", "print", "project", "profile", "supplierinvoice", "supplier", "timereporting",
];

/** BAS sales accounts per VAT rate, as Fortnox's default chart sets them up. */
export const DEFAULT_SALES_ACCOUNTS: Readonly<Record<number, number>> = { 25: 3001, 12: 3002, 6: 3003, 0: 3004 };

export function defaultPredefinedAccounts(): PredefinedAccounts {
  return { salesByVat: { ...DEFAULT_SALES_ACCOUNTS } };
}

/** An invented "<surname or place> <trade> AB" name for the tenant itself. */
export function companyName(rng: Rng): string {
  const first = rng.chance(0.4) ? rng.pick(LAST_NAMES) : rng.pick(COMPANY_PREFIXES);
  return `${first} ${rng.pick(COMPANY_TRADES)} AB`;
}

/** Mail domain derived from a company name: "Norrsken Bygg AB" → "norrskenbygg.se". */
export function mailDomainFor(name: string): string {
  const core = name.replace(/\s+(AB|HB|KB|Ekonomisk förening)$/u, "");
  return `${asciiSlug(core, "")}.se`;
}

export function generateCompany(rng: Rng, nameOverride: string | undefined): TestDatabase["company"] {
  const name = nameOverride ?? companyName(rng);
  const orgNo = organisationNumber(rng, rng.pick(["556", "559"]));
  const addr = address(rng);
  return {
    CompanyName: name,
    OrganizationNumber: orgNo,
    Address: addr.street,
    ZipCode: addr.zipCode,
    City: addr.city.name,
    CountryCode: "SE",
    Email: `info@${mailDomainFor(name)}`,
    Phone1: landline(rng, addr.city),
    VATNumber: vatNumberFor(orgNo),
    BG: bankgiro(rng),
  };
}

/**
 * Two users: the owner (SysAdmin, e.g. "Anna Lindqvist") and a bookkeeper without admin rights.
 * Service-account flows need a SysAdmin to consent; permission tests need the other one.
 */
export function generateUsers(rng: Rng, mailDomain: string): SandboxUser[] {
  const adminName = `${rng.pick(FEMALE_FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
  const userName = `${rng.pick(MALE_FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
  return [
    { id: "1", name: adminName, email: `${asciiSlug(adminName)}@${mailDomain}`, sysAdmin: true, locale: "sv_SE" },
    { id: "2", name: userName, email: `${asciiSlug(userName)}@${mailDomain}`, sysAdmin: false, locale: "en_US" },
  ];
}
