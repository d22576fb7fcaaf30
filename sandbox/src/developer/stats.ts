import type { Sandbox } from "../core/context";

import { activeSubscriptions, connectedTenants, portalOf, type AppCounters, type DayCounters } from "./store";

/**
 * Per-app statistics for the developer portal (docs/fortnox.md#developer-portal-and-app-market):
 * the /3 pipeline calls `recordApiRequest` once per request; the portal reads `appStats`.
 * Days are Stockholm calendar days on the sandbox clock, so test mode can move them.
 */

const KEEP_DAYS = 90;
const DAY_MS = 24 * 3600_000;
/** Counters change on every request; snapshotting the whole state that often would be wasteful. */
const PERSIST_EVERY_MS = 60_000;
let lastPersist = 0;

const dayFormat = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm", year: "numeric", month: "2-digit", day: "2-digit" });
export const stockholmDay = (d: Date) => dayFormat.format(d);

function countersFor(sb: Sandbox, clientId: string): AppCounters {
  const all = portalOf(sb.state).counters;
  let c = all.get(clientId);
  if (!c) {
    c = { days: new Map(), lastRequestAt: new Map() };
    all.set(clientId, c);
  }
  return c;
}

/** Count one /3 request of an app (status 0 = connection reset, counted as an error). */
export function recordApiRequest(sb: Sandbox, clientId: string | null | undefined, tenantId: number | null | undefined, status: number): void {
  if (!clientId || !sb.state.apps.has(clientId)) return;
  const now = sb.clock.now();
  const c = countersFor(sb, clientId);
  const day = stockholmDay(now);
  let d = c.days.get(day);
  if (!d) {
    d = { requests: 0, rateLimited: 0, errors: 0 };
    c.days.set(day, d);
    const oldest = stockholmDay(new Date(now.getTime() - KEEP_DAYS * DAY_MS));
    for (const k of c.days.keys()) if (k < oldest) c.days.delete(k);
  }
  d.requests++;
  if (status === 429) d.rateLimited++;
  else if (status === 0 || status >= 400) d.errors++;
  if (tenantId) c.lastRequestAt.set(tenantId, now.toISOString());
  if (Date.now() - lastPersist > PERSIST_EVERY_MS) {
    lastPersist = Date.now();
    sb.state.touch();
  }
}

export interface AppStats {
  clientId: string;
  connectedCompanies: number;
  activeLast30Days: number;
  totals: DayCounters;
  /** The last `days` days, oldest first, including days without traffic. */
  perDay: ({ day: string } & DayCounters)[];
  subscriptions: { active: number; total: number };
  revenue: { currency: "SEK"; monthly: number; developerShareMonthly: number; toDate: number; developerShareToDate: number };
}

/** The developer's share of what the customer pays for a purchasable app. */
export const DEVELOPER_SHARE = 0.75;
const sek = (ore: number) => Math.round(ore) / 100;

/** Months billed so far: a subscription is billed in advance, one 30-day month at a time. */
function billedMonths(startIso: string, endMs: number): number {
  return Math.max(1, Math.floor((endMs - Date.parse(startIso)) / (30 * DAY_MS)) + 1);
}

export function appStats(sb: Sandbox, clientId: string, days = 30): AppStats {
  const now = sb.clock.now();
  const c = portalOf(sb.state).counters.get(clientId);
  const perDay: AppStats["perDay"] = [];
  for (let i = days - 1; i >= 0; i--) {
    const day = stockholmDay(new Date(now.getTime() - i * DAY_MS));
    if (perDay.at(-1)?.day === day) continue; // a DST day can repeat
    perDay.push({ day, ...(c?.days.get(day) ?? { requests: 0, rateLimited: 0, errors: 0 }) });
  }
  const totals = perDay.reduce((t, d) => ({ requests: t.requests + d.requests, rateLimited: t.rateLimited + d.rateLimited, errors: t.errors + d.errors }), { requests: 0, rateLimited: 0, errors: 0 });
  const since = now.getTime() - 30 * DAY_MS;
  const active = [...(c?.lastRequestAt.entries() ?? [])].filter(([t, at]) => sb.state.databases.has(t) && Date.parse(at) >= since).length;
  const subs = [...portalOf(sb.state).subscriptions.values()].filter((s) => s.clientId === clientId);
  const monthlyOre = activeSubscriptions(sb.state, clientId).reduce((sum, s) => sum + s.monthlyPriceOre, 0);
  const toDateOre = subs.reduce((sum, s) => sum + s.monthlyPriceOre * billedMonths(s.startedAt, s.cancelledAt ? Date.parse(s.cancelledAt) : now.getTime()), 0);
  return {
    clientId,
    connectedCompanies: connectedTenants(sb.state, clientId, now.getTime()).size,
    activeLast30Days: active,
    totals,
    perDay,
    subscriptions: { active: activeSubscriptions(sb.state, clientId).length, total: subs.length },
    revenue: { currency: "SEK", monthly: sek(monthlyOre), developerShareMonthly: sek(monthlyOre * DEVELOPER_SHARE), toDate: sek(toDateOre), developerShareToDate: sek(toDateOre * DEVELOPER_SHARE) },
  };
}
