/**
 * Test helper for the /3 handlers: calls a route directly with a constructed ApiContext (no HTTP,
 * no auth), records emitted events, and turns FortnoxApiError into {status, code, message}.
 */
import { apiRoutes } from "../src/api";
import { FortnoxApiError } from "../src/core/errors";
import { matchPattern } from "../src/core/http";
import type { ApiRoute, ChangeEvent, SeedSpec, TestDatabase, Wire } from "../src/core/types";
import { generateTestDatabase } from "../src/seed";

export const BASE = "http://sandbox.test";
/** A Tuesday in winter time (CET), mid-morning in Stockholm. */
export const NOW = new Date("2026-03-10T09:30:00Z");

export type Event = Omit<ChangeEvent, "tenantId" | "timestamp">;

export function makeDb(seed: Partial<SeedSpec> = {}, now = NOW): TestDatabase {
  return generateTestDatabase({ tenantId: 4242, seed: { customers: 20, articles: 10, invoices: 40, seed: 7, ...seed }, now });
}

export interface CallResult {
  status: number;
  body: Wire | undefined;
  error?: { code: number; message: string };
  route: ApiRoute;
}

export function routeFor(method: string, path: string): { route: ApiRoute; params: Record<string, string> } {
  for (const route of apiRoutes) {
    if (route.method !== method) continue;
    const params = matchPattern(route.pattern, path);
    if (params) return { route, params };
  }
  throw new Error(`no route for ${method} ${path}`);
}

export function call(db: TestDatabase, method: string, pathWithQuery: string, opts: { body?: unknown; now?: Date; events?: Event[] } = {}): CallResult {
  const [path = "", search = ""] = pathWithQuery.split("?");
  const { route, params } = routeFor(method, path);
  try {
    const result = route.handler({
      method,
      params,
      query: new URLSearchParams(search),
      body: opts.body,
      db,
      token: { clientId: "test-client", tenantId: db.tenantId, scopes: [route.scope], userId: db.users[0]?.id ?? "1", serviceAccount: false },
      baseUrl: BASE,
      now: opts.now ?? NOW,
      emit: (e) => opts.events?.push(e),
    });
    return { status: result.status, body: result.body, route };
  } catch (e) {
    if (!(e instanceof FortnoxApiError)) throw e;
    return { status: e.status, body: undefined, error: { code: e.code, message: e.message }, route };
  }
}

/** The body of a call that must succeed with `status`. */
export function ok(r: CallResult, status = 200): Wire {
  if (r.status !== status || !r.body) throw new Error(`expected ${status}, got ${r.status} ${JSON.stringify(r.error ?? r.body)}`);
  return r.body;
}

export const list = (r: CallResult, key: string) => ok(r)[key] as Wire[];
export const meta = (r: CallResult) => ok(r).MetaInformation as Record<string, number>;
