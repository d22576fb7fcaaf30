import "server-only";

import { AppError } from "@/lib/errors";
import { msg } from "@/lib/forms/message-ref";
import { logger } from "@/lib/log";

import type { SandboxDatabase } from "./sandbox";

/**
 * "Starta demo" approves the sandbox's consent page on the salesperson's behalf: the page is
 * Fortnox's (a person picks a company and user and approves), and in the demo that person is the
 * one who just clicked "Starta demo" for a company created for that click. Nothing else about the
 * OAuth flow is skipped: the authorisation request is the one Auth.js built for the browser's own
 * sign-in (its state cookie is in the browser), and the browser itself then carries the code and
 * state to the normal callback, where Auth.js checks the state and exchanges the code.
 */

const TIMEOUT_MS = 15_000;

function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w-]+)\s*=\s*"([^"]*)"/g)) {
    out[m[1]!.toLowerCase()] = m[2]!.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
  }
  return out;
}

/** Cookies the consent page set (e.g. a form token), to send back with the decision. */
function cookieHeader(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .join("; ");
}

function refuse(reason: string, detail: Record<string, unknown>): never {
  logger.warn(`demo: consent walk failed: ${reason}`, detail);
  throw new AppError("fortnox_unavailable", msg("demo.error.consent"));
}

/**
 * Approve `authorizeUrl` for `db`'s first system administrator (or first user) and return where
 * the sandbox sends the browser next: the portal's callback with code and state.
 */
export async function approveConsent(authorizeUrl: string, db: SandboxDatabase): Promise<URL> {
  const page = await fetch(authorizeUrl, { redirect: "manual", signal: AbortSignal.timeout(TIMEOUT_MS), cache: "no-store" });
  // The request was refused before any consent (a scope, client or redirect problem): the
  // sandbox already redirects to the callback with the error, which Auth.js reports as usual.
  const early = page.headers.get("location");
  if (page.status >= 300 && page.status < 400 && early) return new URL(early, authorizeUrl);
  const html = await page.text();
  if (!page.ok) refuse("consent page error", { status: page.status, body: html.slice(0, 200) });
  const form = /<form\b[^>]*>([\s\S]*?)<\/form>/i.exec(html);
  if (!form) refuse("no consent form", { body: html.slice(0, 200) });
  const action = new URL(attributes(form[0].slice(0, form[0].indexOf(">") + 1)).action ?? authorizeUrl, authorizeUrl);
  if (action.origin !== new URL(authorizeUrl).origin) refuse("consent form posts elsewhere", { action: action.origin });

  const body = new URLSearchParams();
  for (const m of form[1]!.matchAll(/<input\b[^>]*>/gi)) {
    const a = attributes(m[0]);
    if (a.name && a.type === "hidden") body.set(a.name, a.value ?? "");
  }
  const user = db.users.find((u) => u.sysAdmin) ?? db.users[0];
  if (!user) refuse("the new company has no user", { tenantId: db.tenantId });
  body.set("tenantId", String(db.tenantId));
  body.set("userId", `${db.tenantId}:${user.id}`);
  body.set("decision", "approve");

  const res = await fetch(action, {
    method: "POST",
    body,
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(page) },
    signal: AbortSignal.timeout(TIMEOUT_MS),
    cache: "no-store",
  });
  const location = res.headers.get("location");
  if (!location) refuse("consent did not redirect", { status: res.status, body: (await res.text()).slice(0, 200) });
  return new URL(location, action);
}
