import "server-only";

import { decode, getToken, type JWT, type JWTDecodeParams } from "next-auth/jwt";
import { headers } from "next/headers";

import { getEnv } from "@/lib/env";

import { auth } from "./config";

/** Who the session cookie says is signed in: ids only (lib/auth/config.ts keeps nothing else in it). */
export interface SessionIds {
  userId: string;
  connectionId: string;
  /** The server-side session row (lib/auth/server-sessions.ts) that must still be live. */
  sessionId: string;
}

/*
 * Every page, route handler and action reads the session. Auth.js's `auth()` answers by running its
 * whole session endpoint: two HKDF key derivations, a decryption and a fresh encryption of the
 * cookie, on each request, which bench:ui showed to be a tenth of the portal's CPU. The cookie is
 * an authenticated JWE, so one ciphertext always decrypts to the same claims: we decrypt each
 * distinct cookie once and keep its claims (bounded, and never past their `exp`). Auth.js still
 * owns the cookie (names, chunking, salt) through `getToken`; we only memoise its `decode`.
 * Only the decryption is cached: whether the session is still live (not signed out or revoked) is
 * asked of the database on every request (lib/auth/guards.ts).
 */
const MAX_CACHED = 5_000;
const cache = new Map<string, JWT>();

async function decodeOnce(params: JWTDecodeParams): Promise<JWT | null> {
  const key = `${params.salt}\u0000${params.token ?? ""}`;
  let claims = cache.get(key) ?? null;
  if (!claims) {
    // Auth.js's decode rejects bad and tampered tokens; only those it accepts are kept.
    claims = await decode(params);
    if (!claims || typeof claims.exp !== "number") return null;
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
    cache.set(key, claims);
  }
  // Checked on every use, without the decoder's clock tolerance: a cached session ends on time.
  if ((claims.exp as number) * 1000 > Date.now()) return claims;
  cache.delete(key);
  return null;
}

/**
 * Sessions slide: Auth.js re-issues the cookie with a new expiry whenever `auth()` runs where
 * cookies can be written (route handlers, actions). Doing that once an hour instead of on every
 * request keeps an active user signed in while sparing the crypto.
 */
const ROLL_AFTER_S = 3600;

async function readClaims(): Promise<JWT | null> {
  const cookie = (await headers()).get("cookie");
  if (!cookie) return null;
  const req = { headers: new Headers({ cookie }) };
  const secret = getEnv().authSecret;
  // Over https Auth.js names the cookie `__Secure-…`; both names carry the salt they were sealed with.
  return (await getToken({ req, secret, secureCookie: true, decode: decodeOnce })) ?? (await getToken({ req, secret, secureCookie: false, decode: decodeOnce }));
}

/** The session row id the request's cookie names, if any (no liveness check, no re-issue). */
export async function readSessionId(): Promise<string | null> {
  const claims = await readClaims();
  return typeof claims?.sid === "string" && claims.sid ? claims.sid : null;
}

/** The session's ids, or null when there is no valid session cookie. Only the cookie counts, never an Authorization header. */
export async function readSession(): Promise<SessionIds | null> {
  const claims = await readClaims();
  // A cookie without a server-side session (issued before sessions were kept) is no session.
  if (!claims || typeof claims.uid !== "string" || !claims.uid || typeof claims.sid !== "string" || !claims.sid) return null;
  if (typeof claims.iat === "number" && Date.now() / 1000 - claims.iat > ROLL_AFTER_S) await auth();
  return { userId: claims.uid, connectionId: typeof claims.cid === "string" ? claims.cid : "", sessionId: claims.sid };
}
