import type { DoctorDeps, DoctorTarget } from "./types";

/*
 * Probes that use only documented Fortnox behaviour (docs/fortnox.md#oauth2): the token endpoint
 * authenticates the client before it looks at the grant, so a made-up refresh token answers
 * `invalid_client` (401) for bad credentials and `invalid_grant` (400) for good ones; the authorize
 * endpoint never redirects to an unregistered redirect_uri, and answers a scope the app lacks with
 * `error=invalid_scope` back at the redirect URI, before anyone logs in. Without a redirect_uri
 * Fortnox uses the app's registered one, so scopes can be probed even when ours is not registered.
 */

export type TokenProbe = "valid" | "invalid_client" | { unreachable: string };

export async function probeCredentials(t: DoctorTarget, d: DoctorDeps): Promise<TokenProbe> {
  try {
    const res = await d.fetch(`${t.authUrl}/oauth-v1/token`, {
      method: "POST",
      headers: {
        authorization: `Basic ${Buffer.from(`${t.clientId}:${t.clientSecret}`).toString("base64")}`,
        "content-type": "application/x-www-form-urlencoded",
        accept: "application/json",
      },
      body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: "brygga-doctor-probe" }).toString(),
      signal: AbortSignal.timeout(d.timeoutMs),
    });
    const body = (await res.json().catch(() => ({}))) as { error?: string };
    if (res.status === 401 || body.error === "invalid_client" || body.error === "unauthorized_client") return "invalid_client";
    if (res.status >= 500) return { unreachable: `HTTP ${res.status}` };
    return "valid";
  } catch (e) {
    return { unreachable: e instanceof Error ? e.message : String(e) };
  }
}

export type AuthorizeProbe =
  /** Fortnox sent the browser back to the redirect URI (with `error` if it refused). */
  | { kind: "back"; error: string | null; description: string | null }
  /** Fortnox went on to log in / show consent: everything it checks up front passed. */
  | { kind: "proceeds" }
  /** No redirect to the redirect URI: an error page (unknown client id or unregistered redirect URI). */
  | { kind: "error_page"; status: number }
  | { kind: "unreachable"; reason: string };

export async function probeAuthorize(t: DoctorTarget, scope: string, d: DoctorDeps, o: { service?: boolean; withRedirect?: boolean } = {}): Promise<AuthorizeProbe> {
  const q = new URLSearchParams({ client_id: t.clientId, scope, state: "brygga-doctor", response_type: "code", access_type: "offline" });
  if (o.withRedirect) q.set("redirect_uri", t.redirectUri);
  if (o.service) q.set("account_type", "service");
  try {
    const res = await d.fetch(`${t.authUrl}/oauth-v1/auth?${q.toString()}`, { redirect: "manual", signal: AbortSignal.timeout(d.timeoutMs) });
    await res.body?.cancel().catch(() => undefined);
    const location = res.headers.get("location");
    if (res.status >= 300 && res.status < 400 && location) {
      const to = new URL(location, t.authUrl);
      if (o.withRedirect) {
        const target = new URL(t.redirectUri);
        if (to.origin === target.origin && to.pathname === target.pathname) return { kind: "back", error: to.searchParams.get("error"), description: to.searchParams.get("error_description") };
        return { kind: "proceeds" };
      }
      // The app's registered redirect URI, whichever it is: an `error` there is Fortnox's answer.
      const error = to.searchParams.get("error");
      return error && to.searchParams.get("state") === "brygga-doctor" ? { kind: "back", error, description: to.searchParams.get("error_description") } : { kind: "proceeds" };
    }
    if (res.status >= 200 && res.status < 300) return { kind: "proceeds" };
    return { kind: "error_page", status: res.status };
  } catch (e) {
    return { kind: "unreachable", reason: e instanceof Error ? e.message : String(e) };
  }
}
