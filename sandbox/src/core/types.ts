/**
 * The sandbox's internal contract. The sandbox is a separate system: it models Fortnox, so Fortnox's
 * PascalCase wire names are its native vocabulary here. Nothing in this folder imports the portal.
 */

/** A Fortnox object exactly as it goes over the wire (PascalCase keys). */
export type Wire = Record<string, unknown>;

export type ResourceName = "customers" | "articles" | "invoices";

/** One stored record: the full Fortnox object plus bookkeeping Fortnox keeps but does not expose. */
export interface StoredRecord {
  data: Wire;
  /** Sandbox-clock instant of the last change; drives the `lastmodified` filter. */
  lastModified: Date;
}

export interface SandboxUser {
  id: string;
  name: string;
  email: string;
  sysAdmin: boolean;
  locale: "sv_SE" | "en_US";
}

/** Ledger accounts the company configured under Inställningar → Bokföring → Fördefinierade konton. */
export interface PredefinedAccounts {
  /** Sales account per VAT rate (25, 12, 6, 0). */
  salesByVat: Record<number, number>;
}

/** A Fortnox test database: one company (tenant) with its users and data. */
export interface TestDatabase {
  /** DatabaseNumber == TenantId in tokens and WebSocket events. */
  tenantId: number;
  company: {
    CompanyName: string;
    OrganizationNumber: string;
    Address: string;
    ZipCode: string;
    City: string;
    CountryCode: string;
    Email: string;
    Phone1: string;
    VATNumber: string;
    BG: string;
  };
  /** Scopes the company's subscription is licensed for; API calls outside it get 2001101. */
  licences: string[];
  /** A locked account (e.g. unpaid Fortnox bill) is sent back from consent without code/state. */
  locked: boolean;
  /** null = the customer never configured predefined accounts (rows without account → 2001304). */
  predefinedAccounts: PredefinedAccounts | null;
  users: SandboxUser[];
  customers: Map<string, StoredRecord>;
  articles: Map<string, StoredRecord>;
  invoices: Map<string, StoredRecord>;
  /** Customer numbers ever used, including deleted ones (Fortnox reserves them: 2000637). */
  usedCustomerNumbers: Set<string>;
  nextCustomerNumber: number;
  nextArticleNumber: number;
  nextDocumentNumber: number;
  /** How the data was seeded, so a reset can reproduce it. */
  seed: SeedSpec;
}

/**
 * What kind of company a seed describes beyond its size: `overdue` customers pay late or never;
 * `foreign` customers are mostly abroad and invoiced in EUR, USD, NOK or DKK. Omitted = standard.
 */
export type SeedProfile = "standard" | "overdue" | "foreign";

export interface SeedSpec {
  customers: number;
  articles: number;
  invoices: number;
  /** PRNG seed; the same seed gives the same data. */
  seed: number;
  profile?: SeedProfile;
}

/** What the access token proved about the caller. */
export interface TokenClaims {
  clientId: string;
  tenantId: number;
  scopes: string[];
  userId: string;
  serviceAccount: boolean;
}

/** A data change, fanned out to the WebSocket topics API. */
export interface ChangeEvent {
  topic: "customers" | "articles" | "invoices";
  /** e.g. "customer-created-v1", "invoice-bookkeep-v1". */
  type: string;
  tenantId: number;
  entityId: string;
  timestamp: Date;
}

export interface ApiContext {
  method: string;
  /** Named path parameters, e.g. { id: "1001" }. */
  params: Record<string, string>;
  query: URLSearchParams;
  /** Parsed JSON body, or undefined when there was none. */
  body: unknown;
  db: TestDatabase;
  token: TokenClaims;
  /** Absolute origin used for `@url`, e.g. http://localhost:4000 */
  baseUrl: string;
  now: Date;
  emit(event: Omit<ChangeEvent, "tenantId" | "timestamp">): void;
}

export interface ApiResult {
  status: number;
  /** undefined for 204 */
  body?: Wire;
}

export interface ApiRoute {
  method: "GET" | "POST" | "PUT" | "DELETE";
  /** Path pattern with :params, e.g. "/3/customers/:id". */
  pattern: string;
  /** The Fortnox scope the route needs; the core checks token scope and company licence. */
  scope: string;
  handler(ctx: ApiContext): ApiResult;
}
