import type { IncomingMessage, ServerResponse } from "node:http";

import { listing } from "../../appmarket/market";
import { marketAppPage, marketPage } from "../../appmarket/pages";
import type { Sandbox } from "../../core/context";
import { matchPattern } from "../../core/http";
import { appInfo, portalOf } from "../store";

import { appPage, newAppPage } from "./apps";
import { databasesPage } from "./databases";
import { homePage } from "./home";
import { context, page, type Lang, type PageContext } from "./layout";
import { statsPage } from "./stats";

/**
 * The portal's HTML pages: /developer/** (except the JSON API) and /appmarket/**. The language
 * comes from `?lang=` (then remembered in a cookie), else the cookie, else Swedish. The signed-in
 * developer is remembered in a cookie the page script sets (the sandbox has no developer passwords).
 */

export const LANG_COOKIE = "sandbox_lang";
export const DEVELOPER_COOKIE = "sandbox_developer";

function cookies(req: IncomingMessage): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i < 0) continue;
    try {
      out.set(part.slice(0, i).trim(), decodeURIComponent(part.slice(i + 1).trim()));
    } catch {
      /* a malformed cookie is ignored */
    }
  }
  return out;
}

function send(res: ServerResponse, status: number, html: string, setCookie?: string): void {
  res.writeHead(status, {
    "content-type": "text/html; charset=utf-8",
    "cache-control": "no-store",
    // Inline script and style only; fetches stay on this origin; no framing.
    "content-security-policy": "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "referrer-policy": "same-origin",
    "x-content-type-options": "nosniff",
    ...(setCookie ? { "set-cookie": setCookie } : {}),
  });
  res.end(html);
}

function redirectTo(res: ServerResponse, location: string, setCookie?: string): void {
  res.writeHead(302, { location, "cache-control": "no-store", ...(setCookie ? { "set-cookie": setCookie } : {}) });
  res.end();
}

function notFound(ctx: PageContext): string {
  const { t } = ctx;
  return page(ctx, t("Sidan finns inte", "Page not found"), "developer", `<h1>${t("Sidan finns inte", "Page not found")}</h1><p>${t("Länken är fel eller så har sidan tagits bort.", "The link is wrong or the page has been removed.")}</p><p><a href="/developer">${t("Till utvecklarportalen", "To the developer portal")}</a> · <a href="/appmarket">App Market</a></p>`);
}

/** Render a portal page; false when the path is not one of them. */
export function handlePortalPage(sb: Sandbox, req: IncomingMessage, res: ServerResponse, url: URL): boolean {
  const path = url.pathname;
  const isPage = path === "/" || path === "/appmarket" || path.startsWith("/appmarket/") || path === "/developer" || (path.startsWith("/developer/") && !path.startsWith("/developer/api/"));
  if (!isPage) return false;
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.writeHead(405, { allow: "GET, HEAD", "content-type": "text/plain; charset=utf-8" });
    res.end("Method not allowed");
    return true;
  }
  const jar = cookies(req);
  const asked = url.searchParams.get("lang");
  const lang: Lang = asked === "en" || asked === "sv" ? asked : jar.get(LANG_COOKIE) === "en" ? "en" : "sv";
  const setCookie = asked === lang ? `${LANG_COOKIE}=${lang}; Path=/; Max-Age=31536000; SameSite=Lax` : undefined;
  const developer = portalOf(sb.state).developers.get(jar.get(DEVELOPER_COOKIE) ?? "") ?? null;
  const ctx = context(lang, developer, path + url.search);
  if (path === "/") return (redirectTo(res, "/developer", setCookie), true);

  const html = render(sb, ctx, path);
  if (html === SIGN_IN) return (redirectTo(res, "/developer", setCookie), true);
  send(res, html === null ? 404 : 200, html ?? notFound(ctx), setCookie);
  return true;
}

/** The page needs a signed-in developer. */
const SIGN_IN = Symbol("sign-in");

function render(sb: Sandbox, ctx: PageContext, path: string): string | typeof SIGN_IN | null {
  if (path === "/appmarket") return marketPage(ctx, sb);
  const market = matchPattern("/appmarket/apps/:clientId", path);
  if (market) {
    const app = sb.state.apps.get(market.clientId!);
    const l = app ? listing(sb, app) : null;
    return l ? marketAppPage(ctx, sb, l) : null;
  }
  if (path === "/developer") return homePage(sb, ctx);
  const known = path === "/developer/apps/new" || path === "/developer/databases" || path === "/developer/stats" || matchPattern("/developer/apps/:clientId", path);
  if (!known) return null;
  if (!ctx.developer) return SIGN_IN;
  if (path === "/developer/apps/new") return newAppPage(ctx, sb);
  if (path === "/developer/databases") return databasesPage(ctx, sb);
  if (path === "/developer/stats") return statsPage(ctx, sb);
  const p = matchPattern("/developer/apps/:clientId", path)!;
  const app = sb.state.apps.get(p.clientId!);
  // Another developer's app does not exist as far as this developer can tell.
  return app && appInfo(sb.state, app.clientId).developerId === ctx.developer.id ? appPage(ctx, sb, app) : null;
}
