import { randomBytes } from "node:crypto";

import { z } from "zod";

import type { Sandbox } from "../core/context";
import type { App } from "../core/state";

import { ControlError, httpUrl, parse, type ControlRoute } from "./control-kit";
import { SCOPE_NAMES } from "./scopes";
import { appStats } from "./stats";
import { appInfo, forgetApp, portalOf } from "./store";

/**
 * Apps in the developer portal (docs/fortnox.md#developer-portal-and-app-market): OAuth settings,
 * descriptive information, the secret (generated on request, shown once), App Market publication.
 */

// Fortnox matches redirect URIs exactly; its portal asks for them without a trailing slash.
const redirectUri = httpUrl.refine((v) => !v.includes("#"), "must not contain a fragment (#)").refine((v) => !v.endsWith("/"), "must not end with a slash (redirect URIs are matched exactly)");
const scope = z.string().refine((s) => SCOPE_NAMES.includes(s), "unknown scope");

const appFields = z.object({
  name: z.string().trim().min(1).max(100),
  redirectUris: z.array(redirectUri).min(1).max(10),
  scopes: z.array(scope).min(1).max(SCOPE_NAMES.length),
  serviceAccounts: z.boolean(),
  webhookUrl: httpUrl.nullable(),
  description: z.string().trim().max(2000),
  companyUrl: httpUrl.nullable(),
  landingUrl: httpUrl.nullable(),
  developerId: z.string().min(1).max(100),
});
const appInput = appFields.partial().required({ name: true, redirectUris: true, scopes: true }).strict();
// No defaults on PATCH: a field left out stays as it is; null clears an optional URL.
const appPatch = appFields.partial().strict();

const publishInput = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("activatable") }).strict(),
  z
    .object({
      mode: z.literal("purchasable"),
      monthlyPrice: z.number().positive().max(100_000).refine((n) => Number.isInteger(Math.round(n * 100)) && Math.abs(n * 100 - Math.round(n * 100)) < 1e-6, "at most two decimals"),
    })
    .strict(),
]);

export function getApp(sb: Sandbox, id: string | undefined): App {
  const app = sb.state.apps.get(id ?? "");
  if (!app) throw new ControlError(404, `No app with client id ${id ?? ""}`, `Ingen app med klient-id ${id ?? ""}`);
  return app;
}

/** An app as the control API shows it: the secret only when it was just generated. */
export function describeApp(sb: Sandbox, app: App, withSecret = false) {
  const { clientSecret, ...rest } = app;
  const info = appInfo(sb.state, app.clientId);
  const publication = info.publication && { mode: info.publication.mode, monthlyPrice: info.publication.monthlyPriceOre === null ? null : info.publication.monthlyPriceOre / 100, publishedAt: info.publication.publishedAt };
  return { ...rest, ...(withSecret ? { clientSecret } : {}), developerId: info.developerId, description: info.description, companyUrl: info.companyUrl, landingUrl: info.landingUrl, publication };
}

function checkDeveloper(sb: Sandbox, app: App | null, developerId: string | undefined) {
  if (developerId === undefined) return;
  if (!portalOf(sb.state).developers.has(developerId)) throw new ControlError(400, `developerId: no developer ${developerId}`, `Utvecklare: ingen utvecklare ${developerId}`);
  const owner = app ? appInfo(sb.state, app.clientId).developerId : null;
  if (owner !== null && owner !== developerId) throw new ControlError(409, "The app belongs to another developer", "Appen tillhör en annan utvecklare");
}

function apply(sb: Sandbox, app: App, input: z.infer<typeof appPatch>) {
  const { webhookUrl, description, companyUrl, landingUrl, developerId, scopes, redirectUris, ...oauth } = input;
  Object.assign(app, oauth);
  if (scopes) app.scopes = [...new Set(scopes)];
  if (redirectUris) app.redirectUris = [...new Set(redirectUris)];
  if (webhookUrl === null) delete app.webhookUrl;
  else if (webhookUrl !== undefined) app.webhookUrl = webhookUrl;
  const info = appInfo(sb.state, app.clientId);
  if (description !== undefined) info.description = description;
  if (companyUrl !== undefined) info.companyUrl = companyUrl;
  if (landingUrl !== undefined) info.landingUrl = landingUrl;
  if (developerId !== undefined) info.developerId = developerId;
}

export const appRoutes: ControlRoute[] = [
  {
    method: "GET",
    pattern: "/developer/api/apps",
    handler: (sb, _p, _b, url) => {
      const dev = url.searchParams.get("developerId");
      const apps = [...sb.state.apps.values()].filter((a) => dev === null || appInfo(sb.state, a.clientId).developerId === (dev || null));
      return { status: 200, body: apps.map((a) => describeApp(sb, a)) };
    },
  },
  {
    method: "POST",
    pattern: "/developer/api/apps",
    handler: (sb, _p, body) => {
      const input = parse(appInput, body);
      checkDeveloper(sb, null, input.developerId);
      const app = sb.state.createApp({ name: input.name, redirectUris: input.redirectUris, scopes: input.scopes, serviceAccounts: input.serviceAccounts ?? false, ...(input.webhookUrl ? { webhookUrl: input.webhookUrl } : {}) });
      apply(sb, app, { ...input, webhookUrl: undefined });
      sb.state.touch();
      return { status: 201, body: describeApp(sb, app, true) };
    },
  },
  { method: "GET", pattern: "/developer/api/apps/:clientId", handler: (sb, p) => ({ status: 200, body: describeApp(sb, getApp(sb, p.clientId)) }) },
  {
    method: "PATCH",
    pattern: "/developer/api/apps/:clientId",
    handler: (sb, p, body) => {
      const app = getApp(sb, p.clientId);
      const input = parse(appPatch, body);
      checkDeveloper(sb, app, input.developerId);
      // A published app must keep a landing page: App Market apps activate through one.
      if (input.landingUrl === null && appInfo(sb.state, app.clientId).publication) throw new ControlError(409, "A published app needs a landing page URL; unpublish it first", "En publicerad app måste ha en landningssida; avpublicera den först");
      apply(sb, app, input);
      sb.state.touch();
      return { status: 200, body: describeApp(sb, app) };
    },
  },
  {
    method: "DELETE",
    pattern: "/developer/api/apps/:clientId",
    handler: (sb, p) => {
      const app = getApp(sb, p.clientId);
      sb.state.apps.delete(app.clientId);
      forgetApp(sb.state, app.clientId);
      sb.state.touch();
      return { status: 204 };
    },
  },
  {
    // Fortnox generates the secret on request; the old one stops working at once.
    method: "POST",
    pattern: "/developer/api/apps/:clientId/secret",
    handler: (sb, p) => {
      const app = getApp(sb, p.clientId);
      app.clientSecret = randomBytes(18).toString("base64url");
      sb.state.touch();
      return { status: 200, body: { clientId: app.clientId, clientSecret: app.clientSecret } };
    },
  },
  {
    method: "POST",
    pattern: "/developer/api/apps/:clientId/publish",
    handler: (sb, p, body) => {
      const app = getApp(sb, p.clientId);
      const input = parse(publishInput, body);
      const info = appInfo(sb.state, app.clientId);
      if (!info.developerId) throw new ControlError(409, "Only an app that belongs to a developer can be published", "Bara en app som tillhör en utvecklare kan publiceras");
      if (!info.landingUrl) throw new ControlError(409, "Set the app's landing page URL (landingUrl) before publishing: App Market apps activate through a landing page", "Ange appens landningssida innan du publicerar: appar på App Market aktiveras via en landningssida");
      if (!info.description) throw new ControlError(409, "Add a description before publishing", "Lägg till en beskrivning innan du publicerar");
      info.publication = { mode: input.mode, monthlyPriceOre: input.mode === "purchasable" ? Math.round(input.monthlyPrice * 100) : null, publishedAt: info.publication?.publishedAt ?? sb.clock.now().toISOString() };
      sb.state.touch();
      return { status: 200, body: describeApp(sb, app) };
    },
  },
  {
    method: "POST",
    pattern: "/developer/api/apps/:clientId/unpublish",
    handler: (sb, p) => {
      const app = getApp(sb, p.clientId);
      appInfo(sb.state, app.clientId).publication = null;
      sb.state.touch();
      return { status: 200, body: describeApp(sb, app) };
    },
  },
  { method: "GET", pattern: "/developer/api/apps/:clientId/stats", handler: (sb, p) => ({ status: 200, body: appStats(sb, getApp(sb, p.clientId).clientId) }) },
];
