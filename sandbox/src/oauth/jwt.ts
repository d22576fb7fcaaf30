import { jwtVerify, SignJWT } from "jose";

import type { TokenClaims } from "../core/types";

/**
 * Fortnox access tokens are JWTs whose signing key is not published (docs/fortnox.md#tokens):
 * clients may decode them but cannot verify them. The sandbox signs with its own secret.
 */

export const ACCESS_TOKEN_TTL_S = 3600;

export async function issueAccessToken(secret: Uint8Array, claims: TokenClaims, now: Date): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000);
  return new SignJWT({ tenantId: claims.tenantId, clientId: claims.clientId, scope: claims.scopes.join(" "), serviceAccount: claims.serviceAccount, authsource: "OAUTH2" })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(claims.userId)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ACCESS_TOKEN_TTL_S)
    .setJti(crypto.randomUUID())
    .sign(secret);
}

/** Verify signature and expiry against the sandbox clock; null when the token is not good. */
export async function verifyAccessToken(secret: Uint8Array, token: string, now: Date): Promise<TokenClaims | null> {
  try {
    const { payload } = await jwtVerify(token, secret, { currentDate: now, algorithms: ["HS256"] });
    if (typeof payload.tenantId !== "number" || typeof payload.clientId !== "string" || typeof payload.sub !== "string") return null;
    return {
      tenantId: payload.tenantId,
      clientId: payload.clientId,
      scopes: typeof payload.scope === "string" ? payload.scope.split(" ").filter(Boolean) : [],
      userId: payload.sub,
      serviceAccount: payload.serviceAccount === true,
    };
  } catch {
    return null;
  }
}
