"use server";

import { cookies } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { z } from "zod";

import { signIn, signOut } from "@/lib/auth/config";
import { rememberIntent } from "@/lib/auth/connect-flow";
import { COMPANY_COOKIE, getViewer } from "@/lib/auth/guards";
import { endSessionsAfterDisconnect } from "@/lib/auth/server-sessions";
import { endCurrentSession } from "@/lib/auth/sign-out";
import { getDb } from "@/lib/db/client";
import { getTokenManager } from "@/lib/fortnox/tokens";

import { defineAction } from "./define-action";
import type { ActionResult } from "./result";

/*
 * Connecting, switching and disconnecting companies. Switching and disconnecting act on a company
 * and go through the one wrapper (defineAction); starting the consent flow and signing out act on
 * no company, so they have no tenant to check.
 */

/** Start the Fortnox consent flow (from /activate, or "add company" when signed in). */
export async function startConnectAction(formData: FormData): Promise<void> {
  const viewer = await getViewer();
  await rememberIntent({ service: formData.get("accountType") === "service", linkUserId: viewer?.user.id });
  const authorizationParams: Record<string, string> = formData.get("accountType") === "service" ? { account_type: "service" } : {};
  await signIn("fortnox", { redirectTo: "/dashboard" }, authorizationParams);
}

const switchCompany = defineAction({
  schema: z.object({}),
  readOnly: true,
  async run(_input, ctx) {
    (await cookies()).set(COMPANY_COOKIE, ctx.connectionId, { httpOnly: true, sameSite: "lax", path: "/" });
    return { connectionId: ctx.connectionId };
  },
  redirectTo: () => "/dashboard",
});

/** The company picker's plain form: another tenant's or a malformed id is a 404, never a 500. */
export async function switchCompanyAction(formData: FormData): Promise<void> {
  const result = await switchCompany(null, formData);
  if (!result.ok && result.code === "unauthenticated") redirect("/activate");
  if (!result.ok) notFound();
}

const disconnect = defineAction({
  schema: z.object({}),
  role: "admin",
  async run(_input, ctx) {
    // Revokes the refresh token at Fortnox.
    await (await getTokenManager()).disconnect(ctx.connectionId, ctx.viewer.user.id);
    // Whoever had only this company is signed out everywhere at once.
    await endSessionsAfterDisconnect(await getDb(), ctx.connectionId);
    return { connectionId: ctx.connectionId };
  },
  revalidate: () => [{ layout: "/" }],
  redirectTo: () => "/dashboard",
});

/** Disconnect a company: admins only. */
export async function disconnectAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  return disconnect(null, formData);
}

export async function signOutAction(): Promise<void> {
  (await cookies()).delete(COMPANY_COOKIE);
  await endCurrentSession();
  await signOut({ redirectTo: "/" });
}

export type { ActionResult };
