/** Test harness: a fresh in-memory sandbox per suite, and an OAuth client that walks the consent form. */
import { createSandbox, type RunningSandbox, type SandboxOptions } from "../src/server";

export const REDIRECT = "http://localhost:3999/callback";
export const SCOPES = ["companyinformation", "profile", "customer", "article", "invoice", "settings"];

export interface Harness {
  sb: RunningSandbox;
  url: string;
  app: { clientId: string; clientSecret: string };
  tenantId: number;
  control<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  basic(): string;
  authorize(params?: Record<string, string>, choice?: { tenantId?: number; userIndex?: number; decision?: string }): Promise<URL>;
  token(body: Record<string, string>, headers?: Record<string, string>): Promise<{ status: number; json: Record<string, unknown> }>;
  connect(opts?: { tenantId?: number; service?: boolean }): Promise<{ access_token: string; refresh_token?: string }>;
  api(path: string, token: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

export async function startHarness(options: SandboxOptions = {}, seed: unknown = "tiny"): Promise<Harness> {
  const sb = await createSandbox({ testMode: true, ...options });
  const url = sb.url;
  const control = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${url}/developer/api${path}`, { method, headers: body === undefined ? {} : { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  const app = await control<{ clientId: string; clientSecret: string }>("POST", "/apps", { name: "Test app", redirectUris: [REDIRECT], scopes: SCOPES, serviceAccounts: true });
  const db = await control<{ tenantId: number }>("POST", "/databases", { seed });
  const h: Harness = {
    sb,
    url,
    app,
    tenantId: db.tenantId,
    control,
    basic: () => `Basic ${Buffer.from(`${app.clientId}:${app.clientSecret}`).toString("base64")}`,
    async authorize(params = {}, choice = {}) {
      const q = new URLSearchParams({ client_id: app.clientId, redirect_uri: REDIRECT, scope: SCOPES.join(" "), state: "st4te", access_type: "offline", response_type: "code", ...params });
      for (const [k, v] of Object.entries(params)) if (v === "") q.delete(k);
      const page = await fetch(`${url}/oauth-v1/auth?${q.toString()}`, { redirect: "manual" });
      if (page.status === 302) return new URL(page.headers.get("location")!);
      const html = await page.text();
      if (page.status !== 200) throw Object.assign(new Error(`auth page ${page.status}`), { html, status: page.status });
      const field = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? "";
      const tenant = choice.tenantId ?? db.tenantId;
      const users = [...html.matchAll(new RegExp(`<option value="(${tenant}:[^"]+)"`, "g"))].map((m) => m[1]!);
      const form = new URLSearchParams({ request: field("request"), signature: field("signature"), tenantId: String(tenant), userId: users[choice.userIndex ?? 0] ?? "", decision: choice.decision ?? "approve" });
      const res = await fetch(`${url}/oauth-v1/auth/decision`, { method: "POST", body: form, redirect: "manual" });
      return new URL(res.headers.get("location")!);
    },
    async token(body, headers = {}) {
      const res = await fetch(`${url}/oauth-v1/token`, { method: "POST", headers: { authorization: h.basic(), "content-type": "application/x-www-form-urlencoded", ...headers }, body: new URLSearchParams(body) });
      return { status: res.status, json: (await res.json()) as Record<string, unknown> };
    },
    async connect(opts = {}) {
      const back = await h.authorize(opts.service ? { account_type: "service" } : {}, { tenantId: opts.tenantId });
      const r = await h.token({ grant_type: "authorization_code", code: back.searchParams.get("code") ?? "", redirect_uri: REDIRECT });
      if (r.status !== 200) throw new Error(`connect failed: ${JSON.stringify(r.json)}`);
      return r.json as { access_token: string; refresh_token?: string };
    },
    api: (path, token, init = {}) => fetch(`${url}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, accept: "application/json", ...(init.body ? { "content-type": "application/json" } : {}), ...(init.headers as Record<string, string>) } }),
    close: () => sb.close(),
  };
  return h;
}
