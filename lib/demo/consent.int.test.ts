import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { exchangeCode, registerTestApp, TEST_REDIRECT, TEST_SCOPES } from "@/lib/testing/connect";
import { startSandbox, type SandboxApp, type SandboxProcess } from "@/lib/testing/sandbox";

import { approveConsent } from "./consent";
import type { SandboxDatabase } from "./sandbox";

/** The demo's consent walk against a real sandbox process: a code for the chosen company, state echoed. */
describe("approveConsent", () => {
  let sb: SandboxProcess;
  let app: SandboxApp;
  beforeAll(async () => {
    sb = await startSandbox();
    app = await registerTestApp(sb);
  });
  afterAll(async () => sb?.stop());

  const authorize = (state: string, extra: Record<string, string> = {}) =>
    `${sb.url}/oauth-v1/auth?${new URLSearchParams({ client_id: app.clientId, redirect_uri: TEST_REDIRECT, scope: TEST_SCOPES, state, response_type: "code", access_type: "offline", ...extra }).toString()}`;

  it("approves for the given company, never another, and the code is for that company", async () => {
    await sb.control("POST", "/databases", { seed: "tiny" });
    const db = await sb.control<SandboxDatabase>("POST", "/databases", { seed: "tiny" });
    const back = await approveConsent(authorize("s-1"), db);
    expect(`${back.origin}${back.pathname}`).toBe(TEST_REDIRECT);
    expect(back.searchParams.get("state")).toBe("s-1");
    const tokens = await exchangeCode(sb, app, back.searchParams.get("code")!);
    const claims = JSON.parse(Buffer.from(tokens.access_token.split(".")[1]!, "base64url").toString()) as { tenantId: number };
    expect(claims.tenantId).toBe(db.tenantId);
  });

  it("passes a refusal before consent straight back (the callback reports it as usual)", async () => {
    const db = await sb.control<SandboxDatabase>("POST", "/databases", { seed: "tiny" });
    const back = await approveConsent(authorize("s-2", { scope: "customer bookkeeping" }), db);
    expect(back.searchParams.get("error")).toBe("invalid_scope");
    expect(back.searchParams.get("state")).toBe("s-2");
  });

  it("fails with the demo's consent error when the sandbox shows an error page", async () => {
    const db = await sb.control<SandboxDatabase>("POST", "/databases", { seed: "tiny" });
    await expect(approveConsent(authorize("s-3", { redirect_uri: "http://evil.example/cb" }), db)).rejects.toMatchObject({ code: "fortnox_unavailable", message: "demo.error.consent" });
  });
});
