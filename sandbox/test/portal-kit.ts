/** Helpers for the developer-portal and App Market tests: raw control calls and a registered developer. */
import type { Harness } from "./harness";

export interface Reply<T = Record<string, unknown>> {
  status: number;
  json: T;
}

export async function call<T = Record<string, unknown>>(url: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply<T>> {
  const res = await fetch(`${url}/developer/api${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: (text ? JSON.parse(text) : undefined) as T };
}

let n = 0;

export async function registerDeveloper(h: Harness, name = "Anna Utvecklare"): Promise<{ id: string; email: string; name: string }> {
  n++;
  return h.control("POST", "/developers", { name, email: `dev${n}.${Date.now()}@example.se`, company: `Kodbolaget ${n} AB`, acceptChangePolicy: true });
}

export const LANDING = "http://localhost:3999/activate";

/** A developer's app with a description and landing page, ready to publish. */
export async function developerApp(h: Harness, developerId: string, extra: Record<string, unknown> = {}) {
  return h.control<{ clientId: string; clientSecret: string }>("POST", "/apps", {
    name: "Fakturaappen",
    redirectUris: ["http://localhost:3999/callback"],
    scopes: ["invoice", "customer", "companyinformation"],
    description: "Skickar fakturor automatiskt.",
    landingUrl: LANDING,
    developerId,
    ...extra,
  });
}
