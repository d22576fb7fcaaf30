import type { IncomingMessage, ServerResponse } from "node:http";

import type { RateLimit, Sandbox } from "../core/context";
import { inCallersLanguage, MAX_BODY_BYTES, readBody, sendJson } from "../core/http";

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
  const fail = (status: number, en: string, sv: string, headers: Record<string, string> = {}) => sendJson(res, status, { error: inCallersLanguage(req, en, sv) }, headers);
  if (req.method === "GET") return sendJson(res, 200, describe(sb));
  if (req.method !== "PUT") return fail(405, `No control endpoint ${req.method ?? ""} /developer/api/speed`, `Kontroll-API:t har ingen ${req.method ?? ""} /developer/api/speed`, { allow: "GET, PUT" });
  let text: string;
  try {
    text = await readBody(req);
  } catch {
    // The rest of an oversized body is still on the wire: close rather than reuse the connection.
    return fail(413, `The body is larger than ${MAX_BODY_BYTES} bytes`, `Innehållet är större än ${MAX_BODY_BYTES} byte`, { connection: "close" });
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return fail(400, "The body is not valid JSON", "Innehållet är inte giltig JSON");
  }
  const input = body && typeof body === "object" && !Array.isArray(body) ? (body as Record<string, unknown>) : null;
  const extra = input ? Object.keys(input).filter((k) => k !== "scale") : ["body"];
  const scale = input?.scale;
  if (extra.length > 0 || !isSpeedScale(scale)) {
    const list = SPEED_SCALES.join(", ");
    const en = `scale: must be one of ${list}${extra.length > 0 ? `; unknown field(s) ${extra.join(", ")}` : ""}`;
    const sv = `scale: måste vara ett av ${list}${extra.length > 0 ? `; okända fält ${extra.join(", ")}` : ""}`;
    return fail(400, en, sv);
  }
  sb.state.speedScale = scale;
  sb.state.touch();
  sendJson(res, 200, describe(sb));
}
