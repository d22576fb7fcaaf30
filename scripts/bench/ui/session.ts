// ---------------------------------------------------------------------------------------------
// Sign-in over HTTP with a cookie jar: NextAuth CSRF → sign-in POST → sandbox consent → callback.

import { consent } from "@/lib/testing/sandbox";

import type { Stack } from "../../stack";

class CookieJar {
  private readonly cookies = new Map<string, string>();

  store(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";");
      const eq = pair.indexOf("=");
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => {
        const [k = "", v = ""] = a.split("=").map((s) => s.trim());
        return (k.toLowerCase() === "max-age" && Number(v) <= 0) || (k.toLowerCase() === "expires" && Date.parse(v) < Date.now());
      });
      if (expired || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(filter: (name: string) => boolean = () => true): string {
    return [...this.cookies]
      .filter(([name]) => filter(name))
      .map(([name, value]) => `${name}=${value}`)
      .join("; ");
  }
}

export interface Session {
  cookie: string;
  connectionId: string;
}

export async function signIn(stack: Stack, tenantId: number): Promise<Session> {
  const jar = new CookieJar();
  const call = async (url: string, init: { method?: string; body?: URLSearchParams } = {}) => {
    const headers: Record<string, string> = { cookie: jar.header() };
    if (init.body) headers["content-type"] = "application/x-www-form-urlencoded";
    const res = await fetch(url, { method: init.method ?? "GET", body: init.body, headers, redirect: "manual" });
    jar.store(res);
    return res;
  };
  const location = (res: Response, step: string) => {
    const to = res.headers.get("location");
    if (res.status < 300 || res.status >= 400 || !to) throw new Error(`sign-in: ${step} answered ${res.status} without a redirect`);
    return new URL(to, stack.portalUrl);
  };

  const { csrfToken } = (await (await call(`${stack.portalUrl}/api/auth/csrf`)).json()) as { csrfToken: string };
  const start = await call(`${stack.portalUrl}/api/auth/signin/fortnox`, {
    method: "POST",
    body: new URLSearchParams({ csrfToken, callbackUrl: `${stack.portalUrl}/dashboard` }),
  });
  const authorize = location(start, "the sign-in POST");
  if (!authorize.href.startsWith(`${stack.sandboxUrl}/oauth-v1/auth`)) throw new Error(`sign-in: expected the sandbox's consent page, got ${authorize.href}`);
  const back = await consent(stack.sandboxUrl, Object.fromEntries(authorize.searchParams), { tenantId });
  if (!back.searchParams.get("code")) throw new Error(`sign-in: consent gave no code: ${back.href}`);
  const callback = await call(back.href);
  const landed = location(callback, "the OAuth callback");
  if (landed.pathname.startsWith("/connect/error")) throw new Error(`sign-in: the portal refused the connection: ${landed.href}`);

  const session = (await (await call(`${stack.portalUrl}/api/auth/session`)).json()) as { connectionId?: string } | null;
  const cookie = jar.header((name) => name.includes("session-token"));
  if (!session?.connectionId || !cookie) throw new Error("sign-in: no session after the callback");
  return { cookie, connectionId: session.connectionId };
}
