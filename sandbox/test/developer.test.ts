import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { REDIRECT, startHarness, type Harness } from "./harness";
import { call, developerApp, registerDeveloper } from "./portal-kit";

/** The developer side of the control API: developers, apps (validation, secret, ownership) and test databases. */

let h: Harness;
beforeAll(async () => {
  h = await startHarness({}, "empty");
}, 60_000);
afterAll(async () => h.close());

describe("developers", () => {
  it("registers with name, e-mail and company only when the change policy is accepted", async () => {
    const bad = await call(h.url, "POST", "/developers", { name: "A", email: "a@example.se", company: "A AB", acceptChangePolicy: false });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatch(/acceptChangePolicy/);
    const sv = await call(h.url, "POST", "/developers", { name: "", email: "nope", company: "A AB", acceptChangePolicy: true }, { "accept-language": "sv-SE" });
    expect(sv.json.error).toBe("Namn: får inte vara tomt; E-post: är inte en giltig e-postadress");
    const ok = await call<{ id: string; email: string }>(h.url, "POST", "/developers", { name: "Anna", email: " Anna@Example.SE ", company: "Anna AB", acceptChangePolicy: true });
    expect(ok.status).toBe(201);
    expect(ok.json.email).toBe("anna@example.se");
    const again = await call(h.url, "POST", "/developers", { name: "Anna 2", email: "anna@example.se", company: "B AB", acceptChangePolicy: true });
    expect(again.status).toBe(409);
    const found = await call<unknown[]>(h.url, "GET", "/developers?email=ANNA@example.se");
    expect(found.json).toHaveLength(1);
    expect((await call(h.url, "GET", "/developers/dev_nobody")).status).toBe(404);
  });

  it("refuses unknown fields and non-JSON bodies", async () => {
    expect((await call(h.url, "POST", "/developers", { name: "A", email: "b@example.se", company: "A", acceptChangePolicy: true, admin: true })).status).toBe(400);
    const res = await fetch(`${h.url}/developer/api/developers`, { method: "POST", headers: { "content-type": "application/json" }, body: "{" });
    expect(res.status).toBe(400);
    const huge = await fetch(`${h.url}/developer/api/developers`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "x".repeat(6 * 1024 * 1024) }) }).catch((e: unknown) => e);
    // The sandbox answers 413 as soon as the limit is passed; a client still sending may see the socket close first.
    if (huge instanceof Response) expect(huge.status).toBe(413);
  });
});

describe("apps", () => {
  it("keeps the old POST shape working and shows the secret only when it is generated", async () => {
    const created = await call<{ clientId: string; clientSecret: string; developerId: null }>(h.url, "POST", "/apps", { name: "Skript", redirectUris: [REDIRECT], scopes: ["customer"], serviceAccounts: true });
    expect(created.status).toBe(201);
    expect(created.json.clientSecret).toEqual(expect.any(String));
    expect(created.json.developerId).toBeNull();
    const got = await call(h.url, "GET", `/apps/${created.json.clientId}`);
    expect(got.json).not.toHaveProperty("clientSecret");
    const patched = await call(h.url, "PATCH", `/apps/${created.json.clientId}`, { name: "Skript 2", redirectUris: [REDIRECT], scopes: ["customer", "invoice"], serviceAccounts: false });
    expect(patched.status).toBe(200);
    expect(patched.json).toMatchObject({ name: "Skript 2", scopes: ["customer", "invoice"], serviceAccounts: false });
  });

  it.each([
    [{ redirectUris: ["http://localhost:3000/cb/"] }, /must not end with a slash/],
    [{ redirectUris: ["javascript:alert(1)"] }, /http\(s\) URL/],
    [{ redirectUris: ["http://localhost/cb#x"] }, /fragment/],
    [{ scopes: ["invoice", "everything"] }, /unknown scope/],
    [{ scopes: [] }, /scopes/],
    [{ landingUrl: "javascript:alert(1)" }, /landingUrl: must be an http\(s\) URL/],
    [{ companyUrl: "data:text/html,hi" }, /companyUrl/],
    [{ name: "x".repeat(101) }, /name/],
    [{ developerId: "dev_nobody" }, /developerId/],
  ])("refuses %j with a clear 400", async (patch, message) => {
    const res = await call(h.url, "POST", "/apps", { name: "App", redirectUris: [REDIRECT], scopes: ["customer"], ...patch });
    expect(res.status).toBe(400);
    expect(String(res.json.error)).toMatch(message);
  });

  it("regenerates the secret: the new one works at the token endpoint, the old one stops at once", async () => {
    const dev = await registerDeveloper(h);
    const app = await developerApp(h, dev.id);
    const token = (secret: string) =>
      fetch(`${h.url}/oauth-v1/token`, { method: "POST", headers: { authorization: `Basic ${Buffer.from(`${app.clientId}:${secret}`).toString("base64")}`, "content-type": "application/x-www-form-urlencoded" }, body: "grant_type=refresh_token&refresh_token=nope" });
    expect((await token(app.clientSecret)).status).toBe(400); // authenticated; the grant is bad
    const fresh = await call<{ clientSecret: string }>(h.url, "POST", `/apps/${app.clientId}/secret`);
    expect(fresh.status).toBe(200);
    expect(fresh.json.clientSecret).not.toBe(app.clientSecret);
    expect((await token(app.clientSecret)).status).toBe(401);
    expect((await token(fresh.json.clientSecret)).status).toBe(400);
    expect((await call(h.url, "POST", "/apps/nope/secret")).status).toBe(404);
  });

  it("lets a developer adopt an app without owner, but never another developer's app", async () => {
    const [a, b] = [await registerDeveloper(h), await registerDeveloper(h)];
    const script = await h.control<{ clientId: string }>("POST", "/apps", { name: "Från skript", redirectUris: [REDIRECT], scopes: ["customer"] });
    expect((await call(h.url, "PATCH", `/apps/${script.clientId}`, { developerId: a.id })).json.developerId).toBe(a.id);
    const steal = await call(h.url, "PATCH", `/apps/${script.clientId}`, { developerId: b.id });
    expect(steal.status).toBe(409);
    const mine = await call<{ clientId: string }[]>(h.url, "GET", `/apps?developerId=${a.id}`);
    expect(mine.json.map((x) => x.clientId)).toContain(script.clientId);
    expect((await call(h.url, "DELETE", `/developers/${a.id}`)).status).toBe(409);
  });
});

describe("test databases", () => {
  it("creates the developer's user with the developer's e-mail, first, with login details", async () => {
    const dev = await registerDeveloper(h, "Bo Utvecklare");
    const db = await h.control<{ tenantId: number; developerId: string; credentials: { username: string; password: string }; users: { name: string; email: string; sysAdmin: boolean }[]; companyName: string }>("POST", "/databases", { seed: "empty", name: "Bos Testbolag AB", developerId: dev.id });
    expect(db).toMatchObject({ developerId: dev.id, companyName: "Bos Testbolag AB", credentials: { username: dev.email } });
    expect(db.credentials.password).toMatch(/^[A-Za-z0-9]{14}$/);
    expect(db.users[0]).toMatchObject({ name: "Bo Utvecklare", email: dev.email, sysAdmin: true });
    // The consent page offers the company and this user; connecting works like for any customer.
    const tokens = await h.connect({ tenantId: db.tenantId });
    const me = await h.api("/3/me", tokens.access_token);
    expect(((await me.json()) as { MeInformation: { Email: string } }).MeInformation.Email).toBe(dev.email);
    const reset = await h.control<{ users: { email: string }[]; credentials: unknown }>("POST", `/databases/${db.tenantId}/reset`);
    expect(reset.users[0]!.email).toBe(dev.email);
    expect(reset.credentials).toEqual(db.credentials);
  });

  it("allows 30 per developer at the same time (409 for the 31st), counted apart from other developers", async () => {
    const [a, b] = [await registerDeveloper(h), await registerDeveloper(h)];
    for (let i = 0; i < 30; i++) await h.control("POST", "/databases", { seed: "empty", developerId: a.id });
    const full = await call(h.url, "POST", "/databases", { seed: "empty", developerId: a.id }, { "accept-language": "sv" });
    expect(full.status).toBe(409);
    expect(full.json.error).toMatch(/högst 30 testdatabaser/);
    expect((await call(h.url, "POST", "/databases", { seed: "empty", developerId: b.id })).status).toBe(201);
    const mine = await call<{ tenantId: number }[]>(h.url, "GET", `/databases?developerId=${a.id}`);
    expect(mine.json).toHaveLength(30);
    expect((await call(h.url, "DELETE", `/databases/${mine.json[0]!.tenantId}`)).status).toBe(204);
    expect((await call(h.url, "POST", "/databases", { seed: "empty", developerId: a.id })).status).toBe(201);
    expect((await call(h.url, "POST", "/databases", { seed: "empty", developerId: "dev_nobody" })).status).toBe(404);
  }, 60_000);

  it("in test mode, databases made without a developer are not held to a developer's 30", async () => {
    const before = (await call<unknown[]>(h.url, "GET", "/databases?developerId=")).json.length;
    for (let i = before; i < 31; i++) await h.control("POST", "/databases", { seed: "empty" });
    expect((await call(h.url, "POST", "/databases", { seed: "empty" })).status).toBe(201);
  }, 60_000);

  it("validates users added to a database", async () => {
    const bad = await call(h.url, "POST", `/databases/${h.tenantId}/users`, { name: "<b>", email: "not-mail" });
    expect(bad.status).toBe(400);
    expect((await call(h.url, "POST", "/databases/999/users", { name: "A", email: "a@example.se" })).status).toBe(404);
    expect((await call(h.url, "POST", `/databases/${h.tenantId}/users`, { name: "Ny Användare", email: "ny@example.se" })).status).toBe(201);
  });
});
