import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { REDIRECT, startHarness, type Harness } from "./harness";

const DAY = 24 * 3600_000;
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

describe("authorization endpoint", () => {
  it("approves with code and echoed state; deny redirects with access_denied", async () => {
    const ok = await h.authorize();
    expect(ok.origin + ok.pathname).toBe(REDIRECT);
    expect(ok.searchParams.get("state")).toBe("st4te");
    expect(ok.searchParams.get("code")).toMatch(/^[\w-]{20,}$/);
    const denied = await h.authorize({}, { decision: "deny" });
    expect(denied.searchParams.get("error")).toBe("access_denied");
    expect(denied.searchParams.get("state")).toBe("st4te");
  });

  it("refuses an unknown client and an unregistered redirect_uri on its own page, never redirecting there", async () => {
    await expect(h.authorize({ client_id: "nope" })).rejects.toMatchObject({ status: 400 });
    const err = await h.authorize({ redirect_uri: "http://evil.example/cb" }).catch((e: { html: string; status: number }) => e);
    expect(err).toMatchObject({ status: 400 });
    expect((err as { html: string }).html).toContain("redirect_uri");
  });

  it("uses the registered redirect URI when redirect_uri is omitted", async () => {
    const back = await h.authorize({ redirect_uri: "" });
    expect(back.origin + back.pathname).toBe(REDIRECT);
    const t = await h.token({ grant_type: "authorization_code", code: back.searchParams.get("code")! });
    expect(t.status).toBe(200);
  });

  it("fails invalid_scope before login for a scope the app has not enabled", async () => {
    const back = await h.authorize({ scope: "customer salary" });
    expect(back.searchParams.get("error")).toBe("invalid_scope");
    expect(back.searchParams.get("error_description")).toContain("salary");
  });

  it("requires state and response_type=code", async () => {
    expect((await h.authorize({ state: "" })).searchParams.get("error")).toBe("invalid_request");
    expect((await h.authorize({ response_type: "token" })).searchParams.get("error")).toBe("invalid_request");
  });

  it("allows service accounts only for apps that enable them and SysAdmin users", async () => {
    const nonAdmin = await h.authorize({ account_type: "service" }, { userIndex: 1 });
    expect(nonAdmin.searchParams.get("error")).toBe("access_denied");
    await h.control("PATCH", `/apps/${h.app.clientId}`, { serviceAccounts: false });
    const refused = await h.authorize({ account_type: "service" });
    expect(refused.searchParams.get("error_description")).toBe("Client does not allow service account");
    await h.control("PATCH", `/apps/${h.app.clientId}`, { serviceAccounts: true });
  });

  it("sends a locked account back without code or state", async () => {
    const locked = await h.control<{ tenantId: number }>("POST", "/databases", { seed: "empty", locked: true });
    const back = await h.authorize({}, { tenantId: locked.tenantId });
    expect([...back.searchParams.keys()]).toEqual([]);
  });
});

describe("token endpoint", () => {
  it("issues a JWT with tenantId, clientId, scope, iat and a 1-hour exp", async () => {
    const t = await h.connect();
    const claims = decodeJwt(t.access_token);
    expect(claims).toMatchObject({ tenantId: h.tenantId, clientId: h.app.clientId, scope: expect.stringContaining("invoice") as string });
    expect(claims.exp! - claims.iat!).toBe(3600);
    expect(t.refresh_token).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("requires HTTP Basic client authentication", async () => {
    const res = await fetch(`${h.url}/oauth-v1/token`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "grant_type=refresh_token&refresh_token=x" });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: "invalid_client" });
  });

  it("makes codes single-use and 10-minute", async () => {
    const code = (await h.authorize()).searchParams.get("code")!;
    expect((await h.token({ grant_type: "authorization_code", code, redirect_uri: REDIRECT })).status).toBe(200);
    const reuse = await h.token({ grant_type: "authorization_code", code, redirect_uri: REDIRECT });
    expect(reuse).toMatchObject({ status: 400, json: { error: "invalid_grant" } });
    const late = (await h.authorize()).searchParams.get("code")!;
    await h.control("POST", "/clock", { advanceMs: 11 * 60_000 });
    expect((await h.token({ grant_type: "authorization_code", code: late, redirect_uri: REDIRECT })).json).toMatchObject({ error: "invalid_grant", error_description: "Authorization code doesn't exist or is invalid for the client" });
  });

  it("refuses a code exchanged with another redirect_uri", async () => {
    const code = (await h.authorize()).searchParams.get("code")!;
    const r = await h.token({ grant_type: "authorization_code", code, redirect_uri: `${REDIRECT}?x=1` });
    expect(r).toMatchObject({ status: 400, json: { error: "invalid_grant", error_description: "The redirect URI is missing or do not match" } });
  });

  it("rotates refresh tokens: a used one is dead at once", async () => {
    const first = await h.connect();
    const second = await h.token({ grant_type: "refresh_token", refresh_token: first.refresh_token! });
    expect(second.status).toBe(200);
    expect(second.json.refresh_token).not.toBe(first.refresh_token);
    expect(await h.token({ grant_type: "refresh_token", refresh_token: first.refresh_token! })).toMatchObject({ status: 400, json: { error: "invalid_grant", error_description: "Invalid refresh token" } });
    expect((await h.token({ grant_type: "refresh_token", refresh_token: second.json.refresh_token as string })).status).toBe(200);
  });

  it("expires refresh tokens after 45 days on the sandbox clock", async () => {
    const t = await h.connect();
    const fresh = await h.connect();
    await h.control("POST", "/clock", { advanceMs: 44 * DAY });
    expect((await h.token({ grant_type: "refresh_token", refresh_token: fresh.refresh_token! })).status).toBe(200);
    await h.control("POST", "/clock", { advanceMs: 2 * DAY });
    expect((await h.token({ grant_type: "refresh_token", refresh_token: t.refresh_token! })).json).toMatchObject({ error: "invalid_grant" });
  });

  it("client_credentials with TenantId works only for a service-account consent, without a refresh token", async () => {
    const noConsent = await h.token({ grant_type: "client_credentials" }, { TenantId: String(h.tenantId) });
    expect(noConsent).toMatchObject({ status: 400, json: { error: "invalid_grant" } });
    await h.connect({ service: true });
    const cc = await h.token({ grant_type: "client_credentials" }, { TenantId: String(h.tenantId) });
    expect(cc.status).toBe(200);
    expect(cc.json.refresh_token).toBeUndefined();
    expect(decodeJwt(cc.json.access_token as string)).toMatchObject({ tenantId: h.tenantId, serviceAccount: true });
    expect((await h.token({ grant_type: "client_credentials" })).json).toMatchObject({ error: "invalid_request" });
  });

  it("revokes refresh tokens", async () => {
    const t = await h.connect();
    const res = await fetch(`${h.url}/oauth-v1/revoke`, { method: "POST", headers: { authorization: h.basic(), "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ token_type_hint: "refresh_token", token: t.refresh_token! }) });
    expect(await res.json()).toEqual({ revoked: true });
    expect((await h.token({ grant_type: "refresh_token", refresh_token: t.refresh_token! })).json).toMatchObject({ error: "invalid_grant" });
  });

  it("rejects unknown grant types", async () => {
    expect((await h.token({ grant_type: "password" })).json).toMatchObject({ error: "unsupported_grant_type" });
  });
});

describe("consent webhooks", () => {
  it("posts consent-created and consent-revoked with the TenantId", async () => {
    const received: { event: string; tenantId: number; clientId: string }[] = [];
    const hook = createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString("utf8")));
      req.on("end", () => {
        received.push(JSON.parse(body) as { event: string; tenantId: number; clientId: string });
        res.end();
      });
    });
    await new Promise<void>((r) => hook.listen(0, "127.0.0.1", r));
    try {
      await h.control("PATCH", `/apps/${h.app.clientId}`, { webhookUrl: `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook` });
      await h.connect({ service: true });
      await h.control("DELETE", `/consents/${h.app.clientId}/${h.tenantId}`);
      for (let i = 0; i < 50 && received.length < 2; i++) await new Promise((r) => setTimeout(r, 20));
      expect(received.map((r) => r.event)).toEqual(["consent-created", "consent-revoked"]);
      expect(received.every((r) => r.tenantId === h.tenantId && r.clientId === h.app.clientId)).toBe(true);
    } finally {
      hook.close();
    }
  });
});
