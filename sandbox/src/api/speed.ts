import type { IncomingMessage, ServerResponse } from "node:http";

import type { RateLimit, Sandbox } from "../core/context";
import { readBody, sendJson } from "../core/http";

/**
 * The demo speed switch: `GET/PUT /developer/api/speed` scales the rate-limit window so a
 * presentation can run a full sync in a fraction of the real time. Scale 1 is Fortnox's own window
 * (docs/fortnox.md#rate-limits); scale N enforces the same number of requests per window / N. The
 * scale lives with the state, so a demo restarted from its data directory keeps its speed, and the
 * answer carries the effective limit so a client can set its own limiter to match.
 */

export const SPEED_SCALES = [1, 2, 5, 10] as const;
export type SpeedScale = (typeof SPEED_SCALES)[number];

export function isSpeedScale(value: unknown): value is SpeedScale {
  return SPEED_SCALES.includes(value as SpeedScale);
}

export function speedScale(sb: Sandbox): SpeedScale {
  return isSpeedScale(sb.state.speedScale) ? sb.state.speedScale : 1;
}

/** The limit the sandbox enforces now: the configured one with its window divided by the scale. */
export function effectiveRateLimit(sb: Sandbox): RateLimit {
  return { requests: sb.rateLimit.requests, windowMs: Math.max(1, Math.round(sb.rateLimit.windowMs / speedScale(sb))) };
}

function describe(sb: Sandbox) {
  const { requests, windowMs } = effectiveRateLimit(sb);
  return { scale: speedScale(sb), scales: SPEED_SCALES, requests, windowMs, baseWindowMs: sb.rateLimit.windowMs };
}

export async function handleSpeed(sb: Sandbox, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method === "GET") return sendJson(res, 200, describe(sb));
  if (req.method !== "PUT") return sendJson(res, 405, { error: `No control endpoint ${req.method ?? ""} /developer/api/speed` }, { allow: "GET, PUT" });
  let body: unknown;
  try {
    body = JSON.parse(await readBody(req));
  } catch {
    return sendJson(res, 400, { error: "The body is not valid JSON" });
  }
  const input = body && typeof body === "object" && !Array.isArray(body) ? (body as Record<string, unknown>) : null;
  const extra = input ? Object.keys(input).filter((k) => k !== "scale") : ["body"];
  const scale = input?.scale;
  if (extra.length > 0 || !isSpeedScale(scale)) {
    return sendJson(res, 400, { error: `scale: must be one of ${SPEED_SCALES.join(", ")}${extra.length > 0 ? `; unknown field(s) ${extra.join(", ")}` : ""}` });
  }
  sb.state.speedScale = scale;
  sb.state.touch();
  sendJson(res, 200, describe(sb));
}
