import "server-only";

import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/**
 * AES-256-GCM for OAuth tokens at rest. Ciphertexts look like `v1.<keyId>.<iv>.<tag>.<data>`
 * (base64url parts) so the key that sealed a token is known and keys can rotate: new tokens use
 * the active key, old ones stay readable while their key is listed in TOKEN_ENCRYPTION_OLD_KEYS.
 */

export interface KeyRing {
  activeId: string;
  keys: Map<string, Buffer>;
}

export class TokenCipherError extends Error {
  override name = "TokenCipherError";
}

/** Additional authenticated data binds a ciphertext to its row, so it cannot be pasted onto another connection. */
export function sealToken(plaintext: string, ring: KeyRing, context: string): string {
  const key = ring.keys.get(ring.activeId);
  if (!key) throw new TokenCipherError(`The active token key ${ring.activeId} is not configured`);
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(context));
  const data = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", ring.activeId, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), data.toString("base64url")].join(".");
}

export function openToken(sealed: string, ring: KeyRing, context: string): string {
  const [version, keyId, iv, tag, data] = sealed.split(".");
  if (version !== "v1" || !keyId || !iv || !tag || data === undefined) throw new TokenCipherError("Unrecognised token ciphertext");
  const key = ring.keys.get(keyId);
  if (!key) throw new TokenCipherError(`Token was sealed with key ${keyId}, which is not configured`);
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new TokenCipherError("Token ciphertext failed authentication");
  }
}

/** The key id a ciphertext was sealed with (to find tokens that still need re-sealing after a rotation). */
export function sealedKeyId(sealed: string): string | undefined {
  return sealed.split(".")[1];
}
