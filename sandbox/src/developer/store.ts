import type { SandboxState } from "../core/state";

/**
 * The developer side's own data (docs/fortnox.md#developer-portal-and-app-market): developer
 * accounts, what the portal knows about an app beyond its OAuth settings, App Market publications,
 * subscriptions, ratings, test-database ownership and per-app request counters. It lives in
 * `SandboxState.portal`, so the existing snapshot persists it with everything else.
 */

export interface Developer {
  id: string;
  name: string;
  email: string;
  company: string;
  /** When the developer agreed to Fortnox's change policy (registration requires it). */
  acceptedChangePolicyAt: string;
  createdAt: string;
}

export type PublicationMode = "activatable" | "purchasable";

export interface Publication {
  mode: PublicationMode;
  /** Öre per month; purchasable apps only. */
  monthlyPriceOre: number | null;
  publishedAt: string;
}

/** Portal-side information about an app (the OAuth settings stay on `App`). */
export interface AppInfo {
  /** null: registered through the control API without an owner (e.g. by a script). */
  developerId: string | null;
  description: string;
  companyUrl: string | null;
  /** Where "Aktivera"/"Köp" continues to; App Market apps must activate through a landing page. */
  landingUrl: string | null;
  publication: Publication | null;
}

export interface Subscription {
  id: string;
  clientId: string;
  tenantId: number;
  userId: string;
  monthlyPriceOre: number;
  startedAt: string;
  cancelledAt: string | null;
}

export interface Rating {
  clientId: string;
  tenantId: number;
  userId: string;
  stars: number;
  ratedAt: string;
}

/** Login details shown in the portal for the developer's own user in a test database. */
export interface DatabaseCredentials {
  username: string;
  password: string;
  userId: string;
}

export interface DayCounters {
  requests: number;
  rateLimited: number;
  errors: number;
}

export interface AppCounters {
  /** Stockholm calendar day (YYYY-MM-DD) → counters. */
  days: Map<string, DayCounters>;
  /** tenantId → ISO time of its last /3 request with this app's token. */
  lastRequestAt: Map<number, string>;
}

export interface PortalData {
  developers: Map<string, Developer>;
  apps: Map<string, AppInfo>;
  subscriptions: Map<string, Subscription>;
  /** `${clientId}:${tenantId}:${userId}` → rating: one per company user and app. */
  ratings: Map<string, Rating>;
  /** tenantId → developer id of the developer who created the test database. */
  databaseOwners: Map<number, string>;
  credentials: Map<number, DatabaseCredentials>;
  counters: Map<string, AppCounters>;
}

export function emptyPortal(): PortalData {
  return { developers: new Map(), apps: new Map(), subscriptions: new Map(), ratings: new Map(), databaseOwners: new Map(), credentials: new Map(), counters: new Map() };
}

/** The portal data, with any collection an older snapshot lacked filled in. */
export function portalOf(state: SandboxState): PortalData {
  const p = (state.portal ??= emptyPortal()) as Partial<PortalData>;
  const fresh = emptyPortal();
  for (const key of Object.keys(fresh) as (keyof PortalData)[]) if (!(p[key] instanceof Map)) (p as Record<string, unknown>)[key] = fresh[key];
  return p as PortalData;
}

export function appInfo(state: SandboxState, clientId: string): AppInfo {
  const apps = portalOf(state).apps;
  let info = apps.get(clientId);
  if (!info) {
    info = { developerId: null, description: "", companyUrl: null, landingUrl: null, publication: null };
    apps.set(clientId, info);
  }
  return info;
}

export const ratingKey = (clientId: string, tenantId: number, userId: string) => `${clientId}:${tenantId}:${userId}`;

/** Tenants with a live refresh token or a service-account consent for the app (existing companies only). */
export function connectedTenants(state: SandboxState, clientId: string, nowMs: number): Set<number> {
  const out = new Set<number>();
  for (const g of state.refreshTokens.values()) if (g.clientId === clientId && g.expiresAt > nowMs && state.databases.has(g.tenantId)) out.add(g.tenantId);
  for (const c of state.consents.values()) if (c.clientId === clientId && state.databases.has(c.tenantId)) out.add(c.tenantId);
  return out;
}

export function activeSubscriptions(state: SandboxState, clientId: string): Subscription[] {
  return [...portalOf(state).subscriptions.values()].filter((s) => s.clientId === clientId && s.cancelledAt === null && state.databases.has(s.tenantId));
}

/** "Active customers" for App Market recommendations: a subscription or a live connection. */
export function activeCustomers(state: SandboxState, clientId: string, nowMs: number): Set<number> {
  const out = connectedTenants(state, clientId, nowMs);
  for (const s of activeSubscriptions(state, clientId)) out.add(s.tenantId);
  return out;
}

export function ratingsOf(state: SandboxState, clientId: string): { average: number | null; count: number } {
  const stars = [...portalOf(state).ratings.values()].filter((r) => r.clientId === clientId && state.databases.has(r.tenantId)).map((r) => r.stars);
  if (stars.length === 0) return { average: null, count: 0 };
  return { average: Math.round((stars.reduce((a, b) => a + b, 0) / stars.length) * 10) / 10, count: stars.length };
}

/** Everything that hangs off a test database goes with it. */
export function forgetDatabase(state: SandboxState, tenantId: number, nowIso: string): void {
  const p = portalOf(state);
  p.databaseOwners.delete(tenantId);
  p.credentials.delete(tenantId);
  for (const s of p.subscriptions.values()) if (s.tenantId === tenantId && s.cancelledAt === null) s.cancelledAt = nowIso;
  for (const [k, r] of p.ratings) if (r.tenantId === tenantId) p.ratings.delete(k);
}

export function forgetApp(state: SandboxState, clientId: string): void {
  const p = portalOf(state);
  p.apps.delete(clientId);
  p.counters.delete(clientId);
  for (const [k, s] of p.subscriptions) if (s.clientId === clientId) p.subscriptions.delete(k);
  for (const [k, r] of p.ratings) if (r.clientId === clientId) p.ratings.delete(k);
}
