import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Alert webhooks are signed like this, so a receiver can check that Brygga sent the body and that
 * it is recent (README: "Alert webhooks"):
 *
 *   Brygga-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>
 *
 * The timestamp is inside the signed text, so it cannot be changed; a receiver refuses a timestamp
 * older than its tolerance (5 minutes here), which bounds how long a captured request can be
 * replayed. Each attempt is signed afresh. `Brygga-Delivery` carries the delivery id, identical on
 * retries, so a receiver can also drop a duplicate it has already handled.
 */

export const SIGNATURE_HEADER = "Brygga-Signature";
export const DELIVERY_HEADER = "Brygga-Delivery";
export const SIGNATURE_TOLERANCE_SECONDS = 300;

function hmac(secret: string, timestamp: number, body: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
}

export function signatureHeader(secret: string, body: string, now = new Date()): string {
  const t = Math.floor(now.getTime() / 1000);
  return `t=${t},v1=${hmac(secret, t, body)}`;
}

export type Verification = "ok" | "malformed" | "stale" | "mismatch";

/** What a receiver does (and the tests do): recompute, compare in constant time, check the age. */
export function verifySignature(secret: string, header: string | null, body: string, now = new Date(), toleranceSeconds = SIGNATURE_TOLERANCE_SECONDS): Verification {
  const m = header ? /^t=(\d{1,12}),v1=([0-9a-f]{64})$/.exec(header) : null;
  if (!m) return "malformed";
  const t = Number(m[1]);
  if (Math.abs(now.getTime() / 1000 - t) > toleranceSeconds) return "stale";
  const expected = Buffer.from(hmac(secret, t, body), "hex");
  return timingSafeEqual(expected, Buffer.from(m[2]!, "hex")) ? "ok" : "mismatch";
}
