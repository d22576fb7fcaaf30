import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startHarness, type Harness } from "./harness";

/** The control API's user management, and how Fortnox ends a removed or deactivated user's access. */

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

type User = { id: string; name: string; email: string; sysAdmin: boolean; active?: boolean };
const users = (tenantId = h.tenantId) => `/databases/${tenantId}/users`;
const me = async (token: string) => {
  const res = await h.api("/3/me", token);
  return { status: res.status, body: (await res.json()) as { MeInformation?: { Id: string; Name: string; Email: string; SysAdmin: boolean } } };
};
const refresh = (token: string) => h.token({ grant_type: "refresh_token", refresh_token: token });

async function newUser(sysAdmin = true): Promise<User> {
  return h.control<User>("POST", users(), { name: "Karin Berg", email: "karin@example.se", sysAdmin });
}

/** Sign `user` in through the consent page and exchange the code. */
async function signIn(user: User) {
  const page = await fetch(`${h.url}/oauth-v1/auth?${new URLSearchParams({ client_id: h.app.clientId, redirect_uri: "http://localhost:3999/callback", scope: "companyinformation profile customer", state: "s", response_type: "code" })}`);
  const html = await page.text();
  const field = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? "";
  const form = new URLSearchParams({ request: field("request"), signature: field("signature"), tenantId: String(h.tenantId), userId: `${h.tenantId}:${user.id}`, decision: "approve" });
  const back = new URL((await fetch(`${h.url}/oauth-v1/auth/decision`, { method: "POST", body: form, redirect: "manual" })).headers.get("location")!);
  const r = await h.token({ grant_type: "authorization_code", code: back.searchParams.get("code") ?? "", redirect_uri: "http://localhost:3999/callback" });
  expect(r.status).toBe(200);
  return r.json as { access_token: string; refresh_token: string };
}

describe("user management through the control API", () => {
  it("PATCH changes name, e-mail and SysAdmin, and /3/me reflects it at once", async () => {
    const user = await newUser();
    const t = await signIn(user);
    expect((await me(t.access_token)).body.MeInformation).toMatchObject({ Id: user.id, Name: "Karin Berg", SysAdmin: true });
    const patched = await h.control<User>("PATCH", `${users()}/${user.id}`, { name: "Karin Ek", email: "karin.ek@example.se", sysAdmin: false });
    expect(patched).toMatchObject({ id: user.id, name: "Karin Ek", email: "karin.ek@example.se", sysAdmin: false });
    expect((await me(t.access_token)).body.MeInformation).toMatchObject({ Id: user.id, Name: "Karin Ek", Email: "karin.ek@example.se", SysAdmin: false });
    // Losing SysAdmin does not end the user's grant.
    expect((await refresh(t.refresh_token)).status).toBe(200);
  });

  it("a deactivated user's refresh token is refused with invalid_grant and their access token gets 401", async () => {
    const user = await newUser(false);
    const t = await signIn(user);
    expect((await me(t.access_token)).status).toBe(200);
    await h.control("PATCH", `${users()}/${user.id}`, { active: false });
    expect((await me(t.access_token)).status).toBe(401);
    expect((await h.api("/3/customers", t.access_token)).status).toBe(401);
    const r = await refresh(t.refresh_token);
    expect(r).toMatchObject({ status: 400, json: { error: "invalid_grant" } });
    // Nor can they consent again: the consent page no longer offers them.
    const html = await (await fetch(`${h.url}/oauth-v1/auth?${new URLSearchParams({ client_id: h.app.clientId, scope: "profile", state: "s", response_type: "code" })}`)).text();
    expect(html).not.toContain(`value="${h.tenantId}:${user.id}"`);
  });

  it("reactivating a user lets a new sign-in work (old refresh tokens stay spent)", async () => {
    const user = await newUser(false);
    const t = await signIn(user);
    await h.control("PATCH", `${users()}/${user.id}`, { active: false });
    expect((await refresh(t.refresh_token)).status).toBe(400);
    await h.control("PATCH", `${users()}/${user.id}`, { active: true });
    const again = await signIn(user);
    expect((await me(again.access_token)).status).toBe(200);
  });

  it("a deleted user's grants stop working; a code issued before the removal is refused too", async () => {
    const user = await newUser();
    const t = await signIn(user);
    await h.control("DELETE", `${users()}/${user.id}`);
    expect((await me(t.access_token)).status).toBe(401);
    expect((await refresh(t.refresh_token)).json).toMatchObject({ error: "invalid_grant" });
    const db = await h.control<{ users: User[] }>("GET", `/databases/${h.tenantId}`);
    expect(db.users.map((u) => u.id)).not.toContain(user.id);
  });

  it("validates input and answers 404 for an unknown user or database", async () => {
    const user = await newUser();
    await expect(h.control("PATCH", `${users()}/${user.id}`, { sysAdmin: "yes" })).rejects.toThrow(/400/);
    await expect(h.control("PATCH", `${users()}/${user.id}`, { email: "not-an-email" })).rejects.toThrow(/400/);
    await expect(h.control("PATCH", `${users()}/${user.id}`, { role: "admin" })).rejects.toThrow(/400/);
    await expect(h.control("PATCH", `${users()}/nobody`, { name: "X" })).rejects.toThrow(/404/);
    await expect(h.control("DELETE", `${users(999)}/1`)).rejects.toThrow(/404/);
  });

  it("a consent naming a user of another company, or a deactivated one, is refused rather than signing in the company's SysAdmin", async () => {
    const other = await h.control<{ tenantId: number }>("POST", "/databases", { seed: "empty" });
    const outsider = await h.control<User>("POST", users(other.tenantId), { name: "Namne Sake", email: "namne@example.se", sysAdmin: false });
    const gone = await newUser(false);
    await h.control("PATCH", `${users()}/${gone.id}`, { active: false });
    for (const userId of [`${other.tenantId}:${outsider.id}`, `${h.tenantId}:${gone.id}`]) {
      const page = await fetch(`${h.url}/oauth-v1/auth?${new URLSearchParams({ client_id: h.app.clientId, redirect_uri: "http://localhost:3999/callback", scope: "companyinformation profile", state: "s", response_type: "code" })}`);
      const html = await page.text();
      const field = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? "";
      const form = new URLSearchParams({ request: field("request"), signature: field("signature"), tenantId: String(h.tenantId), userId, decision: "approve" });
      const res = await fetch(`${h.url}/oauth-v1/auth/decision`, { method: "POST", body: form, redirect: "manual" });
      expect(res.status).toBe(400);
      expect(res.headers.get("location")).toBeNull();
    }
  });

  it("service-account tokens keep working when the approving SysAdmin is removed (they belong to a technical user)", async () => {
    const admin = await newUser(true);
    const page = await fetch(`${h.url}/oauth-v1/auth?${new URLSearchParams({ client_id: h.app.clientId, redirect_uri: "http://localhost:3999/callback", scope: "companyinformation profile", state: "s", response_type: "code", account_type: "service" })}`);
    const html = await page.text();
    const field = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? "";
    const form = new URLSearchParams({ request: field("request"), signature: field("signature"), tenantId: String(h.tenantId), userId: `${h.tenantId}:${admin.id}`, decision: "approve" });
    await fetch(`${h.url}/oauth-v1/auth/decision`, { method: "POST", body: form, redirect: "manual" });
    await h.control("DELETE", `${users()}/${admin.id}`);
    const cc = await h.token({ grant_type: "client_credentials" }, { TenantId: String(h.tenantId) });
    expect(cc.status).toBe(200);
    expect((await me(cc.json.access_token as string)).status).toBe(200);
  });
});
