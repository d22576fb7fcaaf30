import { randomBytes } from "node:crypto";

import { describe, expect, it } from "vitest";

import { openToken, sealedKeyId, sealToken, TokenCipherError, type KeyRing } from "./token-cipher";

const ring = (activeId: string, ...ids: string[]): KeyRing => ({ activeId, keys: new Map(ids.map((id) => [id, Buffer.alloc(32, id.charCodeAt(1))])) });

describe("token cipher", () => {
  const token = "eyJhbGciOiJIUzI1NiJ9.eyJ0ZW5hbnRJZCI6MX0.sig";

  it("round-trips and never contains the plaintext", () => {
    const sealed = sealToken(token, ring("k1", "k1"), "conn-1");
    expect(sealed).not.toContain(token);
    expect(sealed).not.toContain("eyJ");
    expect(openToken(sealed, ring("k1", "k1"), "conn-1")).toBe(token);
  });

  it("uses a fresh IV each time", () => {
    expect(sealToken(token, ring("k1", "k1"), "c")).not.toBe(sealToken(token, ring("k1", "k1"), "c"));
  });

  it("reads tokens sealed with a rotated-out key while it is still listed", () => {
    const old = sealToken(token, ring("k1", "k1"), "c");
    const rotated = ring("k2", "k1", "k2");
    expect(openToken(old, rotated, "c")).toBe(token);
    expect(sealedKeyId(sealToken(token, rotated, "c"))).toBe("k2");
    expect(() => openToken(old, ring("k2", "k2"), "c")).toThrow(/k1, which is not configured/);
  });

  it("refuses a ciphertext moved to another connection or tampered with", () => {
    const sealed = sealToken(token, ring("k1", "k1"), "conn-1");
    expect(() => openToken(sealed, ring("k1", "k1"), "conn-2")).toThrow(TokenCipherError);
    const parts = sealed.split(".");
    parts[4] = randomBytes(8).toString("base64url");
    expect(() => openToken(parts.join("."), ring("k1", "k1"), "conn-1")).toThrow(TokenCipherError);
  });
});
