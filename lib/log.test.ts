import { describe, expect, it } from "vitest";

import { redact } from "./log";

describe("redact", () => {
  it("hides secret-named fields at any depth", () => {
    expect(redact({ access_token: "a", nested: { refreshToken: "b", clientSecret: "c", ok: 1 }, headers: { Authorization: "Bearer x" } })).toEqual({
      access_token: "[redacted]",
      nested: { refreshToken: "[redacted]", clientSecret: "[redacted]", ok: 1 },
      headers: { Authorization: "[redacted]" },
    });
  });

  it("hides JWTs and UUID refresh tokens inside free text and errors", () => {
    const jwt = "eyJhbGciOiJIUzI1NiJ9.eyJ0ZW5hbnRJZCI6MX0.c2lnbmF0dXJl";
    const refresh = "a7302e6b-b1cb-4508-b884-cf9abd9a51de";
    const out = JSON.stringify(redact({ msg: `failed with ${jwt} and ${refresh}`, error: new Error(`token ${jwt}`) }));
    expect(out).not.toContain(jwt);
    expect(out).not.toContain(refresh);
    expect(out).toContain("[redacted]");
  });

  it("keeps our own ids readable", () => {
    const id = "0b6f3f8e-7a7e-4d55-9a43-7f0c8c1d2e3f";
    expect(redact({ connectionId: id, tenantId: 42 })).toEqual({ connectionId: id, tenantId: 42 });
  });

  it("keeps an error's stack and cause chain, redacted", () => {
    const jwt = "eyJhbGciOiJIUzI1NiJ9.eyJ0ZW5hbnRJZCI6MX0.c2lnbmF0dXJl";
    const root = Object.assign(new Error(`refresh failed for ${jwt}`), { code: "ECONNRESET", refreshToken: "a7302e6b-b1cb-4508-b884-cf9abd9a51de" });
    const top = Object.assign(new Error("sync failed", { cause: root }), { status: 502 });
    const out = redact({ error: top }) as { error: Record<string, unknown> & { cause: Record<string, unknown> } };
    expect(out.error).toMatchObject({ name: "Error", message: "sync failed", status: 502 });
    expect(out.error.stack).toMatch(/sync failed\n\s+at /);
    expect(out.error.cause).toMatchObject({ message: "refresh failed for [redacted]", code: "ECONNRESET", refreshToken: "[redacted]" });
    expect(String(out.error.cause.stack)).toContain("[redacted]");
    const line = JSON.stringify(out);
    expect(line).not.toContain(jwt);
    expect(line).not.toContain("a7302e6b-b1cb-4508-b884-cf9abd9a51de");
  });
});
