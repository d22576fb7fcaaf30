import "server-only";

import { cookies } from "next/headers";

import { getEnv } from "@/lib/env";

import { signValue, verifyValue } from "./signed-cookie";

/**
 * State that must survive the round trip through Fortnox: whether a service account was asked
 * for, which signed-in user is adding a company, and — on failure — why it failed, so the
 * failure page can say exactly what happened (Auth.js only reports a generic error type).
 */

const INTENT_COOKIE = "brygga-connect";
const FAILURE_COOKIE = "brygga-connect-failure";
const TTL_S = 15 * 60;

export const FAILURE_REASONS = [
  "denied",
  "state_mismatch",
  "locked",
  "scope_mismatch",
  "redirect_mismatch",
  "service_account_not_allowed",
  "service_account_requires_admin",
  "missing_licence",
  "invalid_client",
  "unknown",
] as const;
export type FailureReason = (typeof FAILURE_REASONS)[number];

export interface ConnectIntent {
  service: boolean;
  linkUserId?: string;
  exp: number;
}

const cookieOptions = { httpOnly: true, sameSite: "lax" as const, path: "/", maxAge: TTL_S };
const secure = () => getEnv().authUrl.startsWith("https://");

export async function rememberIntent(intent: Omit<ConnectIntent, "exp">) {
  const value = signValue({ ...intent, exp: Date.now() + TTL_S * 1000 }, getEnv().authSecret);
  (await cookies()).set(INTENT_COOKIE, value, { ...cookieOptions, secure: secure() });
}

export async function readIntent(): Promise<ConnectIntent | null> {
  const intent = verifyValue<ConnectIntent>((await cookies()).get(INTENT_COOKIE)?.value, getEnv().authSecret);
  return intent && intent.exp > Date.now() ? intent : null;
}

export async function clearIntent() {
  (await cookies()).delete(INTENT_COOKIE);
}

export async function rememberFailure(reason: FailureReason, detail?: string) {
  const value = signValue({ reason, detail: detail?.slice(0, 200), exp: Date.now() + TTL_S * 1000 }, getEnv().authSecret);
  (await cookies()).set(FAILURE_COOKIE, value, { ...cookieOptions, secure: secure() });
}

export async function readFailure(): Promise<{ reason: FailureReason; detail?: string } | null> {
  const f = verifyValue<{ reason: FailureReason; detail?: string; exp: number }>((await cookies()).get(FAILURE_COOKIE)?.value, getEnv().authSecret);
  return f && f.exp > Date.now() ? { reason: f.reason, detail: f.detail } : null;
}

/** Map Fortnox's OAuth `error` / `error_description` to a failure page. */
export function classifyOAuthError(error: string, description = ""): FailureReason {
  if (error === "access_denied") return /admin|sysadmin/i.test(description) ? "service_account_requires_admin" : "denied";
  if (error === "invalid_scope") return "scope_mismatch";
  if (/service account/i.test(description)) return "service_account_not_allowed";
  if (/redirect/i.test(description)) return "redirect_mismatch";
  if (error === "invalid_client" || error === "unauthorized_client") return "invalid_client";
  return "unknown";
}
