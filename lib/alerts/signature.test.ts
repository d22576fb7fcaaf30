import { createHmac } from "node:crypto";

import { describe, expect, it } from "vitest";

import { signatureHeader, verifySignature } from "./signature";

describe("alert webhook signatures", () => {
  const now = new Date("2026-03-15T10:00:00Z");
  const body = '{"event":"alert.raised"}';

  it("signs '<unix seconds>.<body>' with HMAC-SHA256, as the README tells receivers", () => {
    const header = signatureHeader("whsec_test", body, now);
    const t = Math.floor(now.getTime() / 1000);
    expect(header).toBe(`t=${t},v1=${createHmac("sha256", "whsec_test").update(`${t}.${body}`).digest("hex")}`);
    expect(verifySignature("whsec_test", header, body, now)).toBe("ok");
  });

  it("refuses a replay outside the tolerance, a changed body or timestamp, and junk", () => {
    const header = signatureHeader("whsec_test", body, now);
    expect(verifySignature("whsec_test", header, body, new Date(now.getTime() + 301_000))).toBe("stale");
    expect(verifySignature("whsec_test", header, body, new Date(now.getTime() - 301_000))).toBe("stale");
    expect(verifySignature("whsec_test", header, `${body} `, now)).toBe("mismatch");
    const t = Math.floor(now.getTime() / 1000);
    expect(verifySignature("whsec_test", header.replace(`t=${t}`, `t=${t + 1}`), body, now)).toBe("mismatch");
    for (const junk of [null, "", "t=1", "v1=ab", `t=${t},v1=${"z".repeat(64)}`]) expect(verifySignature("whsec_test", junk, body, now)).toBe("malformed");
  });
});
