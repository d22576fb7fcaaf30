import { FortnoxApiError } from "../core/errors";
import { matchPattern } from "../core/http";
import type { ApiRoute } from "../core/types";

/**
 * Which /3 operation a request names. Fortnox serves `/3/customers/` as `/3/customers` (clients
 * generated from its older Swagger file call every path with a trailing slash), so one trailing
 * slash is dropped before matching. A path that exists under other methods is a 405 with `Allow`;
 * one that does not exist at all is a 404. Both are ErrorInformation bodies like every /3 error
 * (docs/fortnox.md#sandbox-fidelity-choices: Fortnox's codes for these are unpublished).
 */

export type RouteMatch = { route: ApiRoute; params: Record<string, string> } | { allowed: string[]; pattern: string } | null;

export function canonicalPath(path: string): string {
  return path.length > 3 && path.endsWith("/") ? path.slice(0, -1) : path;
}

export function resolveRoute(routes: readonly ApiRoute[], method: string, path: string): RouteMatch {
  const allowed = new Set<string>();
  let pattern = "";
  for (const route of routes) {
    const params = matchPattern(route.pattern, path);
    if (!params) continue;
    if (route.method === method) return { route, params };
    allowed.add(route.method);
    pattern = route.pattern;
  }
  return allowed.size > 0 ? { allowed: [...allowed], pattern } : null;
}

/** 2000423 is the family Fortnox answers "Kan inte hitta …" with; the message names the path. */
export const unknownPath = (path: string) => new FortnoxApiError(404, 2000423, `Kan inte hitta resursen ${path}`);

/** What to do instead, where a client is likely to try a method Fortnox does not have. */
const HINTS: Record<string, string> = {
  "DELETE /3/invoices/:id": " Fakturor kan inte raderas; makulera med PUT /3/invoices/{DocumentNumber}/cancel.",
};

export const wrongMethod = (method: string, path: string, pattern: string) =>
  new FortnoxApiError(405, 2000423, `Metoden ${method} finns inte för ${path}.${HINTS[`${method} ${pattern}`] ?? ""}`);
