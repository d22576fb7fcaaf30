// ---------------------------------------------------------------------------------------------
// A "view" is what a browser fetches for a client-side navigation to a list URL: the RSC payload
// of the route. Rather than guess Next's protocol (headers, the `_rsc` cache key), Chromium makes
// one real navigation on each route and the headers it sent are replayed by the load generator.

import { chromium } from "@playwright/test";

export interface Navigation {
  /** Route path, e.g. "/invoices". */
  path: string;
  /** The headers Next's router sent (rsc, next-router-state-tree, …), cookies excluded. */
  headers: Record<string, string>;
  /** The `_rsc` cache-busting key the router put on the URL. */
  rscKey: string | null;
}

const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const REPLAYED = new Set(["rsc", "next-router-state-tree", "next-url", "accept"]);

/**
 * Opens `path` in Chromium with the session cookie, clicks the first link matching `linkSelector`
 * (a client-side navigation to the same route) and records the RSC request it made.
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
    const request = page.waitForRequest((r) => r.headers()["rsc"] === "1" && new URL(r.url()).pathname === path && !r.headers()["next-router-prefetch"], { timeout: 15_000 });
    await page.locator(linkSelector).first().click();
    const sent = await request;
    const headers = Object.fromEntries(Object.entries(await sent.allHeaders()).filter(([k]) => REPLAYED.has(k.toLowerCase())));
    return { path, headers, rscKey: new URL(sent.url()).searchParams.get("_rsc") };
  } finally {
    await browser.close();
  }
}

/** The URL of a view (RSC) or of a full page load for `query` on the navigation's route. */
export function viewUrl(origin: string, nav: Navigation, query: string, kind: "view" | "page"): string {
  const params = new URLSearchParams(query);
  if (kind === "view" && nav.rscKey) params.set("_rsc", nav.rscKey);
  const qs = params.toString();
  return `${origin}${nav.path}${qs ? `?${qs}` : ""}`;
}
