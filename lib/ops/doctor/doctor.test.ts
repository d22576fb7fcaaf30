import { describe, expect, it } from "vitest";

import { checkEncryption } from "./deployment-checks";
import { runDoctor, type DoctorInput } from "./run";

/** A stand-in for Fortnox's documented OAuth behaviour for one registered app. */
function fakeFortnox(app: { clientId: string; secret: string; redirects: string[]; scopes: string[]; service: boolean }): typeof fetch {
  return ((input: string | URL | Request, init?: RequestInit) => Promise.resolve(answer(input instanceof Request ? input.url : input.toString(), init)));
  function answer(href: string, init?: RequestInit): Response {
    const url = new URL(href);
    if (url.pathname === "/oauth-v1/token") {
      const [id, secret] = Buffer.from(String((init?.headers as Record<string, string>).authorization).slice(6), "base64").toString().split(":");
      if (id !== app.clientId || secret !== app.secret) return Response.json({ error: "invalid_client" }, { status: 401 });
      return Response.json({ error: "invalid_grant" }, { status: 400 });
    }
    if (url.pathname === "/oauth-v1/auth") {
      const q = url.searchParams;
      const redirectUri = q.get("redirect_uri") ?? app.redirects[0];
      if (q.get("client_id") !== app.clientId || !redirectUri || !app.redirects.includes(redirectUri)) return new Response("<h1>error</h1>", { status: 400 });
      const back = new URL(redirectUri);
      const lacking = q.get("scope")!.split(" ").filter((s) => !app.scopes.includes(s));
      if (lacking.length) back.search = `error=invalid_scope&state=${q.get("state")}`;
      else if (q.get("account_type") === "service" && !app.service) back.search = `error=unauthorized_client&state=${q.get("state")}`;
      else return new Response("<form>consent</form>", { status: 200 });
      return new Response(null, { status: 302, headers: { location: back.toString() } });
    }
    if (url.pathname === "/api/webhooks/fortnox/consent") return Response.json({ data: { result: "ignored" } });
    return new Response(null, { status: 404 });
  }
}

const portal = "https://brygga.example.com";
const redirect = `${portal}/api/auth/callback/fortnox`;
const base = (over: Partial<DoctorInput["target"]> = {}): DoctorInput => ({
  target: { authUrl: "https://apps.example", clientId: "cid", clientSecret: "sec", redirectUri: redirect, scopes: ["customer", "invoice", "article"], serviceAccounts: true, ...over },
  portalUrl: portal,
  keys: { configured: true, mode: "production", activeId: "k2", knownIds: ["k1", "k2"], idsInUse: ["k1", "k2"] },
  webhook: { url: `${portal}/api/webhooks/fortnox/consent`, secretConfigured: false },
});
const good = { clientId: "cid", secret: "sec", redirects: [redirect], scopes: ["customer", "invoice", "article"], service: true };
const deps = (app = good) => ({ fetch: fakeFortnox(app), timeoutMs: 1000 });
const byId = (r: Awaited<ReturnType<typeof runDoctor>>) => Object.fromEntries(r.map((c) => [c.id, c]));

describe("app-configuration doctor", () => {
  it("passes a correctly configured app", async () => {
    const r = await runDoctor(base(), deps());
    expect(r.filter((c) => !c.ok)).toEqual([]);
    expect(r.map((c) => c.id)).toEqual(["credentials", "redirect", "scopes", "service_accounts", "encryption", "webhook"]);
  });

  it("names each missing scope and the unregistered redirect URI, with a fix in both languages", async () => {
    const r = byId(await runDoctor(base({ redirectUri: `${portal}/api/auth/callback/fortnoxx` }), deps({ ...good, scopes: ["customer"] })));
    expect(r.redirect!.ok).toBe(false);
    expect(r.redirect!.problem!.en).toContain("/fortnoxx is not registered");
    expect(r.redirect!.fix!.sv).toContain("fortnoxx");
    // The scope probes go without our redirect URI (Fortnox then uses the registered one), so both mistakes are named in one run.
    const scopes = r.scopes!;
    expect(scopes.ok).toBe(false);
    expect(scopes.problem!.en).toContain("invoice, article");
    expect(scopes.fix!.sv).toContain("Aktivera invoice, article");
  });

  it("an app without any registered redirect URI: the scopes cannot be judged, and it says so", async () => {
    const r = byId(await runDoctor(base(), deps({ ...good, redirects: [] })));
    expect(r.scopes!.ok).toBe(false);
    expect(r.scopes!.problem!.en).toContain("no registered redirect URI");
  });

  it("refused credentials block the authorize checks instead of misreporting them", async () => {
    const r = byId(await runDoctor(base({ clientSecret: "wrong" }), deps()));
    expect(r.credentials!.ok).toBe(false);
    expect(r.credentials!.problem!.en).toContain("invalid_client");
    expect(r.redirect!.problem!.en).toContain("Cannot be checked");
  });

  it("a trailing slash or another host than AUTH_URL is named before asking Fortnox", async () => {
    expect(byId(await runDoctor(base({ redirectUri: `${redirect}/` }), deps())).redirect!.problem!.en).toContain("ends with a slash");
    expect(byId(await runDoctor(base({ redirectUri: "https://other.example/api/auth/callback/fortnox" }), deps())).redirect!.problem!.en).toContain("not AUTH_URL's");
  });

  it("service accounts not allowed, and a webhook that does not answer", async () => {
    const r = byId(await runDoctor({ ...base(), webhook: { url: "https://nowhere.example/x", secretConfigured: false } }, deps({ ...good, service: false })));
    expect(r.service_accounts!.problem!.en).toContain("does not allow service accounts");
    expect(r.webhook!.ok).toBe(false);
  });

  it("encryption: tokens sealed with a key that is no longer configured", () => {
    const lost = checkEncryption({ configured: true, mode: "production", activeId: "k2", knownIds: ["k2"], idsInUse: ["k1"] });
    expect(lost.ok).toBe(false);
    expect(lost.fix!.en).toContain("TOKEN_ENCRYPTION_OLD_KEYS");
    expect(checkEncryption({ configured: false, mode: "production", activeId: "k1", knownIds: ["k1"], idsInUse: [] }).ok).toBe(false);
    expect(checkEncryption({ configured: false, mode: "demo", activeId: "k1", knownIds: ["k1"], idsInUse: ["k1"] }).ok).toBe(true);
  });
});
