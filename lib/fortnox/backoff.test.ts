import { describe, expect, it } from "vitest";

import { backoffDelay, DEFAULT_BACKOFF } from "./backoff";

describe("backoffDelay", () => {
  it("stays within [0, min(cap, base·2^retry)) with full jitter", () => {
    for (let retry = 0; retry < 10; retry++) {
      const ceiling = Math.min(DEFAULT_BACKOFF.capMs, DEFAULT_BACKOFF.baseMs * 2 ** retry);
      expect(backoffDelay(retry, DEFAULT_BACKOFF, () => 0)).toBe(0);
      expect(backoffDelay(retry, DEFAULT_BACKOFF, () => 0.999999)).toBe(ceiling - 1);
      for (let i = 0; i < 50; i++) {
        const d = backoffDelay(retry);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThan(ceiling);
      }
    }
  });

  it("never exceeds the cap, however many retries", () => {
    expect(backoffDelay(60, { attempts: 6, baseMs: 250, capMs: 8000 }, () => 0.999999)).toBe(7999);
  });

  it("is bounded in total over the default attempts", () => {
    let worst = 0;
    for (let retry = 0; retry < DEFAULT_BACKOFF.attempts - 1; retry++) worst += backoffDelay(retry, DEFAULT_BACKOFF, () => 0.999999);
    expect(worst).toBeLessThan(20_000);
  });
});
