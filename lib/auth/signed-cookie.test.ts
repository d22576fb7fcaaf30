import { describe, expect, it } from "vitest";

import { classifyOAuthError } from "./connect-flow";
import { signValue, verifyValue } from "./signed-cookie";

describe("signed cookie values", () => {
  it("round-trips and rejects tampering or another secret", () => {
    const v = signValue({ service: true, linkUserId: "u1" }, "s".repeat(32));
    expect(verifyValue(v, "s".repeat(32))).toEqual({ service: true, linkUserId: "u1" });
    expect(verifyValue(v, "t".repeat(32))).toBeNull();
    const [body, mac] = v.split(".");
    const forged = Buffer.from(JSON.stringify({ service: true, linkUserId: "attacker" })).toString("base64url");
    expect(verifyValue(`${forged}.${mac}`, "s".repeat(32))).toBeNull();
    expect(verifyValue(`${body}`, "s".repeat(32))).toBeNull();
    expect(verifyValue(undefined, "s".repeat(32))).toBeNull();
  });
});

describe("classifyOAuthError", () => {
  it.each([
    ["access_denied", "The user denied access", "denied"],
    ["access_denied", "Only a SysAdmin may approve a service account", "service_account_requires_admin"],
    ["invalid_scope", "Scope invoice is not enabled", "scope_mismatch"],
    ["unauthorized_client", "Client does not allow service account", "service_account_not_allowed"],
    ["invalid_grant", "The redirect URI is missing or do not match", "redirect_mismatch"],
    ["invalid_client", "bad secret", "invalid_client"],
    ["server_error", "", "unknown"],
  ])("%s / %s → %s", (error, description, reason) => {
    expect(classifyOAuthError(error, description)).toBe(reason);
  });
});
