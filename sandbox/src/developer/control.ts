import type { IncomingMessage, ServerResponse } from "node:http";

import { z } from "zod";

import { defaultFaults, type Sandbox } from "../core/context";
import { matchPattern, MAX_BODY_BYTES, readBody, sendJson } from "../core/http";
import { fireWebhook } from "../oauth/webhooks";

import { marketRoutes } from "../appmarket/market";

import { appRoutes, getApp } from "./apps";
import { ControlError, parse, type ControlRoute } from "./control-kit";
import { databaseRoutes } from "./databases";
import { developerRoutes } from "./developers";

/**
 * The developer portal's JSON control API (documented in sandbox/README.md). Developers, apps,
 * test databases, statistics and the App Market are always available; clock, faults, quirks and the request log only in test mode.
 */

const consentRoutes: ControlRoute[] = [
  {
    method: "DELETE",
    pattern: "/developer/api/consents/:clientId/:tenantId",
    handler: (sb, p) => {
      const app = getApp(sb, p.clientId);
      if (!sb.state.consents.delete(sb.state.consentKey(app.clientId, Number(p.tenantId)))) throw new ControlError(404, "No such consent", "Inget sådant medgivande");
      fireWebhook(sb, app, "consent-revoked", Number(p.tenantId));
      sb.state.touch();
      return { status: 204 };
    },
  },
];

const testRoutes: ControlRoute[] = [
  { method: "GET", pattern: "/developer/api/clock", testOnly: true, handler: (sb) => ({ status: 200, body: { now: sb.clock.now().toISOString(), offsetMs: sb.clock.offset } }) },
  {
    method: "POST",
    pattern: "/developer/api/clock",
    testOnly: true,
    handler: (sb, _p, body) => {
      const input = parse(z.object({ advanceMs: z.number().int().nonnegative().optional(), set: z.string().datetime({ offset: true }).optional() }).strict(), body);
      if (input.set) sb.clock.set(new Date(input.set));
      if (input.advanceMs) sb.clock.advance(input.advanceMs);
      return { status: 200, body: { now: sb.clock.now().toISOString(), offsetMs: sb.clock.offset } };
    },
  },
  {
    method: "PUT",
    pattern: "/developer/api/faults",
    testOnly: true,
    handler: (sb, _p, body) => {
      const input = parse(
        z.object({ latencyMs: z.number().int().min(0).max(60_000).optional(), errorBurst: z.object({ count: z.number().int().min(0), status: z.number().int().min(500).max(599).default(503) }).optional(), connectionResets: z.object({ count: z.number().int().min(0) }).optional(), rateLimitStorm: z.object({ count: z.number().int().min(0) }).optional() }).strict(),
        body,
      );
      const f = defaultFaults();
      sb.faults = { latencyMs: input.latencyMs ?? f.latencyMs, errorBurst: input.errorBurst ?? f.errorBurst, connectionResets: input.connectionResets?.count ?? 0, rateLimitStorm: input.rateLimitStorm?.count ?? 0 };
      return { status: 200, body: sb.faults };
    },
  },
  { method: "GET", pattern: "/developer/api/faults", testOnly: true, handler: (sb) => ({ status: 200, body: sb.faults }) },
  {
    method: "PUT",
    pattern: "/developer/api/quirks",
    testOnly: true,
    handler: (sb, _p, body) => {
      sb.quirks = { ...sb.quirks, ...parse(z.object({ errorKeyCase: z.enum(["lower", "capitalised"]).optional(), numbersAsStrings: z.boolean().optional(), emptyStringDates: z.boolean().optional() }).strict(), body) };
      return { status: 200, body: sb.quirks };
    },
  },
  { method: "GET", pattern: "/developer/api/requests", testOnly: true, handler: (sb) => ({ status: 200, body: sb.requestLog }) },
  {
    method: "DELETE",
    pattern: "/developer/api/requests",
    testOnly: true,
    handler: (sb) => {
      sb.requestLog.length = 0;
      return { status: 204 };
    },
  },
];

const ROUTES = [...developerRoutes, ...appRoutes, ...consentRoutes, ...databaseRoutes, ...marketRoutes, ...testRoutes];

export async function handleControl(sb: Sandbox, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  try {
    for (const route of ROUTES) {
      const params = route.method === req.method ? matchPattern(route.pattern, url.pathname) : null;
      if (!params) continue;
      if (route.testOnly && !sb.testMode) throw new ControlError(404, "Only available when the sandbox runs with --test-mode");
      const text = await readBody(req).catch(() => {
        throw new ControlError(413, `The body is larger than ${MAX_BODY_BYTES} bytes`, `Innehållet är större än ${MAX_BODY_BYTES} byte`);
      });
      let body: unknown;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        throw new ControlError(400, "The body is not valid JSON", "Innehållet är inte giltig JSON");
      }
      const result = route.handler(sb, params, body, url);
      return sendJson(res, result.status, result.body);
    }
    throw new ControlError(404, `No control endpoint ${req.method} ${url.pathname}`);
  } catch (e) {
    // The portal's pages ask for Swedish or English; scripts get English.
    const swedish = /^sv\b/i.test(req.headers["accept-language"] ?? "");
    // After an oversized body the rest of it is still on the wire: close rather than reuse the connection.
    if (e instanceof ControlError) return sendJson(res, e.status, { error: swedish && e.sv ? e.sv : e.message }, e.status === 413 ? { connection: "close" } : {});
    console.error("[sandbox] control error", e);
    sendJson(res, 500, { error: "Unexpected error" });
  }
}
