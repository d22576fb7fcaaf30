import { createHash, timingSafeEqual } from "node:crypto";

/** Constant-time comparison of a presented secret with the configured one (hashes equalise lengths). */
export function secretMatches(presented: string | null | undefined, expected: string): boolean {
  if (!presented) return false;
  const a = createHash("sha256").update(presented).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}
