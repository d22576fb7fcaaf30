import type { IncomingMessage, ServerResponse } from "node:http";

import { logRequest, type Sandbox } from "../core/context";
import { apiError, FortnoxApiError } from "../core/errors";
import { readBody, sendJson } from "../core/http";
import type { ApiRoute, TokenClaims } from "../core/types";
import { recordApiRequest } from "../developer/stats";
import { verifyAccessToken } from "../oauth/jwt";

import { applyQuirks, errorBody } from "./quirks";
import type { SlidingWindowLimiter } from "./rate-limit";
import { canonicalPath, resolveRoute, unknownPath, wrongMethod } from "./routing";

/**
 * Every /3 request passes the same gates, in Fortnox's order: legacy header auth, the Bearer
 * JWT, Accept, the rate limit, the token's scope, the company's licence, then the handler.
 * Test-mode faults are injected here too.
 */

const MUTATING = new Set(["POST", "PUT", "DELETE"]);

export function createDispatcher(sb: Sandbox, routes: ApiRoute[], limiter: SlidingWindowLimiter) {
  return async function dispatch(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const method = req.method ?? "GET";
    let claims: TokenClaims | null = null;
    const finish = (status: number, body?: unknown, headers: Record<string, string> = {}) => {
      logRequest(sb, { at: new Date().toISOString(), method, path: url.pathname + url.search, clientId: claims?.clientId ?? null, tenantId: claims?.tenantId ?? null, status });
      recordApiRequest(sb, claims?.clientId, claims?.tenantId, status);
      sendJson(res, status, body === undefined ? undefined : applyQuirks(body, sb.quirks), headers);
    };
    const fail = (e: FortnoxApiError, headers?: Record<string, string>) => finish(e.status, errorBody(e.code, e.message, sb.quirks), headers);

    const auth = req.headers.authorization ?? "";
    if (!auth.startsWith("Bearer ")) {
      // Legacy static-token auth ended 2025-04-30; old clients still send these headers.
      if (req.headers["access-token"] || req.headers["client-secret"]) return fail(apiError("missingCredentials"));
      return finish(401, { message: "unauthorized" });
    }
    claims = await verifyAccessToken(sb.jwtSecret, auth.slice(7), sb.clock.now());
    if (!claims) return finish(401, { message: "unauthorized" });
    const accept = req.headers.accept ?? "*/*";
    if (!/application\/json|\*\/\*|application\/\*/i.test(accept)) return fail(apiError("invalidResponseType"));

    const key = `${claims.clientId}:${claims.tenantId}`;
    const f = sb.faults;
    if (f.rateLimitStorm > 0) {
      f.rateLimitStorm--;
      return finish(429, { message: "Too Many Requests" }, { "retry-after": "1" });
    }
    const wait = limiter.take(key);
    if (wait > 0) return finish(429, { message: "Too Many Requests" }, { "retry-after": String(Math.ceil(wait / 1000)) });
    if (f.latencyMs > 0) await new Promise((r) => setTimeout(r, f.latencyMs));
    if (f.connectionResets > 0) {
      f.connectionResets--;
      logRequest(sb, { at: new Date().toISOString(), method, path: url.pathname + url.search, clientId: claims.clientId, tenantId: claims.tenantId, status: 0 });
      req.socket.destroy();
      return;
    }
    if (f.errorBurst.count > 0) {
      f.errorBurst.count--;
      return fail(new FortnoxApiError(f.errorBurst.status, 1000003, "System exception"));
    }

    const match = resolveRoute(routes, method, canonicalPath(url.pathname));
    if (!match) return fail(unknownPath(url.pathname));
    if ("allowed" in match) return fail(wrongMethod(method, url.pathname, match.pattern), { allow: match.allowed.join(", ") });
    const { route, params } = match;
    if (!claims.scopes.includes(route.scope)) return fail(apiError("noScopePermission"));
    const db = sb.state.databases.get(claims.tenantId);
    if (!db) return finish(401, { message: "unauthorized" });
    if (!db.licences.includes(route.scope)) return fail(apiError("noLicence"));

    try {
      const text = MUTATING.has(method) ? await readBody(req) : "";
      let body: unknown;
      if (text.trim()) {
        try {
          body = JSON.parse(text);
        } catch {
          throw apiError("badJson");
        }
      }
      const now = sb.clock.now();
      const result = route.handler({
        method,
        params,
        query: url.searchParams,
        body,
        db,
        token: claims,
        baseUrl: sb.publicUrl,
        now,
        emit: (event) => {
          const stored = sb.state.recordEvent({ ...event, tenantId: db.tenantId, timestamp: now });
          for (const listener of sb.onEvent) listener(stored);
        },
      });
      if (MUTATING.has(method)) sb.state.touch();
      finish(result.status, result.body);
    } catch (e) {
      if (e instanceof FortnoxApiError) return fail(e);
      console.error("[sandbox] handler error", e);
      fail(apiError("systemException"));
    }
  };
}
