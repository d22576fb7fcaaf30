import { randomBytes } from "node:crypto";

import { z } from "zod";

import type { Sandbox } from "../core/context";
import type { App } from "../core/state";
import type { TestDatabase } from "../core/types";
import { getApp } from "../developer/apps";
import { ControlError, parse, type ControlRoute } from "../developer/control-kit";
import { activeCustomers, activeSubscriptions, appInfo, portalOf, ratingKey, ratingsOf, type Rating, type Subscription } from "../developer/store";

/**
 * The App Market (docs/fortnox.md#developer-portal-and-app-market): published apps, purchases
 * (subscriptions at the app's monthly price) and ratings. How Fortnox tells a purchasable app about
 * a purchase is undocumented, so the sandbox models subscriptions only for the developer's statistics.
 */

/** Fortnox recommends an app only with at least 10 active customers and an average of 3 stars. */
export const RECOMMENDED_MIN_CUSTOMERS = 10;
export const RECOMMENDED_MIN_RATING = 3;

export interface Listing {
  clientId: string;
  name: string;
  description: string;
  vendor: string;
  companyUrl: string | null;
  landingUrl: string;
  mode: "activatable" | "purchasable";
  monthlyPrice: number | null;
  rating: { average: number | null; count: number };
  activeCustomers: number;
  recommended: boolean;
  publishedAt: string;
}

export function listing(sb: Sandbox, app: App): Listing | null {
  const info = appInfo(sb.state, app.clientId);
  const dev = info.developerId ? portalOf(sb.state).developers.get(info.developerId) : undefined;
  if (!info.publication || !info.landingUrl || !dev) return null;
  const rating = ratingsOf(sb.state, app.clientId);
  const customers = activeCustomers(sb.state, app.clientId, sb.clock.now().getTime()).size;
  const p = info.publication;
  return {
    clientId: app.clientId,
    name: app.name,
    description: info.description,
    vendor: dev.company,
    companyUrl: info.companyUrl,
    landingUrl: info.landingUrl,
    mode: p.mode,
    monthlyPrice: p.monthlyPriceOre === null ? null : p.monthlyPriceOre / 100,
    rating,
    activeCustomers: customers,
    recommended: customers >= RECOMMENDED_MIN_CUSTOMERS && rating.average !== null && rating.average >= RECOMMENDED_MIN_RATING,
    publishedAt: p.publishedAt,
  };
}

export function listings(sb: Sandbox): Listing[] {
  return [...sb.state.apps.values()].flatMap((a) => listing(sb, a) ?? []).sort((a, b) => a.name.localeCompare(b.name, "sv"));
}

function published(sb: Sandbox, clientId: string | undefined): Listing {
  const l = listing(sb, getApp(sb, clientId));
  if (!l) throw new ControlError(404, `The app ${clientId ?? ""} is not published on the App Market`, "Appen finns inte på App Market");
  return l;
}

const companyUser = z.object({ tenantId: z.number().int().positive(), userId: z.string().min(1).max(100) });

/** The company and one of its users, as a visitor picks them (the sandbox's stand-in for logging in). */
export function companyAndUser(sb: Sandbox, tenantId: number, userId: string): TestDatabase {
  const db = sb.state.databases.get(tenantId);
  if (!db) throw new ControlError(404, `No test database ${tenantId}`, `Ingen testdatabas ${tenantId}`);
  if (!db.users.some((u) => u.id === userId)) throw new ControlError(404, `No user ${userId} in test database ${tenantId}`, `Ingen användare ${userId} i testdatabasen ${tenantId}`);
  return db;
}

export function purchase(sb: Sandbox, clientId: string | undefined, tenantId: number, userId: string): Subscription {
  const l = published(sb, clientId);
  const db = companyAndUser(sb, tenantId, userId);
  if (l.mode !== "purchasable" || l.monthlyPrice === null) throw new ControlError(409, "This app is activatable: it is activated on its landing page, not bought", "Appen köps inte här: den aktiveras på appens landningssida");
  if (db.locked) throw new ControlError(409, "The company's Fortnox account is locked", "Företagets Fortnox-konto är spärrat");
  if (activeSubscriptions(sb.state, l.clientId).some((s) => s.tenantId === tenantId)) throw new ControlError(409, "The company already subscribes to this app", "Företaget prenumererar redan på appen");
  const sub: Subscription = { id: `sub_${randomBytes(9).toString("base64url")}`, clientId: l.clientId, tenantId, userId, monthlyPriceOre: Math.round(l.monthlyPrice * 100), startedAt: sb.clock.now().toISOString(), cancelledAt: null };
  portalOf(sb.state).subscriptions.set(sub.id, sub);
  sb.state.touch();
  return sub;
}

export function rate(sb: Sandbox, clientId: string | undefined, tenantId: number, userId: string, stars: number): { rating: Rating; created: boolean } {
  const l = published(sb, clientId);
  companyAndUser(sb, tenantId, userId);
  if (!activeCustomers(sb.state, l.clientId, sb.clock.now().getTime()).has(tenantId)) {
    throw new ControlError(409, "Only a company that uses the app (a subscription or a connection) can rate it", "Bara ett företag som använder appen (prenumeration eller anslutning) kan betygsätta den");
  }
  const ratings = portalOf(sb.state).ratings;
  const key = ratingKey(l.clientId, tenantId, userId);
  const created = !ratings.has(key);
  const rating: Rating = { clientId: l.clientId, tenantId, userId, stars, ratedAt: sb.clock.now().toISOString() };
  ratings.set(key, rating);
  sb.state.touch();
  return { rating, created };
}

const describeSub = (s: Subscription) => ({ id: s.id, clientId: s.clientId, tenantId: s.tenantId, userId: s.userId, monthlyPrice: s.monthlyPriceOre / 100, startedAt: s.startedAt, cancelledAt: s.cancelledAt, active: s.cancelledAt === null });

export const marketRoutes: ControlRoute[] = [
  { method: "GET", pattern: "/developer/api/appmarket/apps", handler: (sb) => ({ status: 200, body: listings(sb) }) },
  { method: "GET", pattern: "/developer/api/appmarket/recommended", handler: (sb) => ({ status: 200, body: listings(sb).filter((l) => l.recommended) }) },
  { method: "GET", pattern: "/developer/api/appmarket/apps/:clientId", handler: (sb, p) => ({ status: 200, body: published(sb, p.clientId) }) },
  {
    method: "POST",
    pattern: "/developer/api/appmarket/apps/:clientId/purchase",
    handler: (sb, p, body) => {
      const input = parse(companyUser.strict(), body);
      const sub = purchase(sb, p.clientId, input.tenantId, input.userId);
      return { status: 201, body: { subscription: describeSub(sub), landingUrl: appInfo(sb.state, sub.clientId).landingUrl } };
    },
  },
  {
    method: "GET",
    pattern: "/developer/api/appmarket/apps/:clientId/ratings",
    handler: (sb, p) => {
      const l = published(sb, p.clientId);
      return { status: 200, body: { ...l.rating, ratings: [...portalOf(sb.state).ratings.values()].filter((r) => r.clientId === l.clientId && sb.state.databases.has(r.tenantId)) } };
    },
  },
  {
    // One rating per company user; rating again replaces it.
    method: "PUT",
    pattern: "/developer/api/appmarket/apps/:clientId/ratings",
    handler: (sb, p, body) => {
      const input = parse(companyUser.extend({ stars: z.number().int().min(1).max(5) }).strict(), body);
      const { rating, created } = rate(sb, p.clientId, input.tenantId, input.userId, input.stars);
      return { status: created ? 201 : 200, body: { ...rating, summary: ratingsOf(sb.state, rating.clientId) } };
    },
  },
  {
    method: "GET",
    pattern: "/developer/api/appmarket/subscriptions",
    handler: (sb, _p, _b, url) => {
      const clientId = url.searchParams.get("clientId");
      const tenantId = url.searchParams.get("tenantId");
      const subs = [...portalOf(sb.state).subscriptions.values()].filter((s) => (clientId === null || s.clientId === clientId) && (tenantId === null || String(s.tenantId) === tenantId));
      return { status: 200, body: subs.map(describeSub) };
    },
  },
  {
    method: "DELETE",
    pattern: "/developer/api/appmarket/subscriptions/:id",
    handler: (sb, p) => {
      const sub = portalOf(sb.state).subscriptions.get(p.id ?? "");
      if (!sub) throw new ControlError(404, `No subscription ${p.id ?? ""}`, `Ingen prenumeration ${p.id ?? ""}`);
      if (sub.cancelledAt) throw new ControlError(409, "The subscription is already cancelled", "Prenumerationen är redan avslutad");
      sub.cancelledAt = sb.clock.now().toISOString();
      sb.state.touch();
      return { status: 200, body: describeSub(sub) };
    },
  },
];
