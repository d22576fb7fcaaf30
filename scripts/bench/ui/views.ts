// ---------------------------------------------------------------------------------------------
// A "view" is what a browser fetches for a client-side navigation to a list URL: the RSC payload
// of the route, or the JSON a list fetches for itself (its pages, sorts and filters change only the
// URL; components/browse/list-results.tsx). Rather than guess either protocol (Next's headers and
// `_rsc` cache key, the list's API path), Chromium makes one real navigation on each route and the
// request it sent is replayed by the load generator.

import { chromium, type Request } from "@playwright/test";

export interface Navigation {
  /** Route path, e.g. "/invoices": what a full page load opens. */
  path: string;
  /** The path a view is fetched from: the route's (RSC) or the list's JSON API path. */
  viewPath: string;
  /** The headers sent (rsc, next-router-state-tree, accept, …), cookies excluded. */
  headers: Record<string, string>;
  /** The `_rsc` cache-busting key the router put on the URL. */
  rscKey: string | null;
}

const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const REPLAYED = new Set(["rsc", "next-router-state-tree", "next-url", "accept"]);

/** The request a click within the route makes for its new view: the route's RSC payload or a JSON fetch. */
function isView(request: Request, path: string): boolean {
  const headers = request.headers();
  if (headers["next-router-prefetch"] || headers["next-router-segment-prefetch"]) return false;
  const rsc = headers["rsc"] === "1" && new URL(request.url()).pathname === path;
  return rsc || (request.resourceType() === "fetch" && headers["accept"] === "application/json");
}

/**
 * Opens `path` in Chromium with the session cookie, clicks the first link matching `linkSelector`
 * (a client-side navigation to the same route) and records the request that fetched the new view.
 */
export async function captureNavigation(origin: string, cookie: string, path: string, linkSelector: string): Promise<Navigation> {
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext();
    const cookies = cookie
      .split(";")
      .map((pair) => pair.trim())
      .filter(Boolean)
      .map((pair) => ({ name: pair.slice(0, pair.indexOf("=")), value: pair.slice(pair.indexOf("=") + 1), url: origin }));
    if (cookies.length > 0) await context.addCookies(cookies);
    const page = await context.newPage();
    await page.goto(`${origin}${path}`, { waitUntil: "networkidle" });
    const request = page.waitForRequest((r) => isView(r, path), { timeout: 15_000 });
    await page.locator(linkSelector).first().click();
    const sent = await request;
    const headers = Object.fromEntries(Object.entries(await sent.allHeaders()).filter(([k]) => REPLAYED.has(k.toLowerCase())));
    const url = new URL(sent.url());
    return { path, viewPath: url.pathname, headers, rscKey: url.searchParams.get("_rsc") };
  } finally {
    await browser.close();
  }
}

/** The URL of a view (RSC or JSON) or of a full page load for `query` on the navigation's route. */
export function viewUrl(origin: string, nav: Navigation, query: string, kind: "view" | "page"): string {
  const params = new URLSearchParams(query);
  if (kind === "view" && nav.rscKey) params.set("_rsc", nav.rscKey);
  const qs = params.toString();
  return `${origin}${kind === "view" ? nav.viewPath : nav.path}${qs ? `?${qs}` : ""}`;
}
