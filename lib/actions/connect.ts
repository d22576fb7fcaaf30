"use server";

import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";

import { signIn, signOut } from "@/lib/auth/config";
import { rememberIntent } from "@/lib/auth/connect-flow";
import { COMPANY_COOKIE, getViewer, requireCompany } from "@/lib/auth/guards";
import { endSessionsAfterDisconnect } from "@/lib/auth/server-sessions";
import { endCurrentSession } from "@/lib/auth/sign-out";
import { getDb } from "@/lib/db/client";
import { getTokenManager } from "@/lib/fortnox/tokens";

import { formString } from "./form";
import { runAction, type ActionResult } from "./run-action";

/** Start the Fortnox consent flow (from /activate, or "add company" when signed in). */
export async function startConnectAction(formData: FormData): Promise<void> {
  const viewer = await getViewer();
  await rememberIntent({ service: formData.get("accountType") === "service", linkUserId: viewer?.user.id });
  const authorizationParams: Record<string, string> = formData.get("accountType") === "service" ? { account_type: "service" } : {};
  await signIn("fortnox", { redirectTo: "/dashboard" }, authorizationParams);
}

export async function switchCompanyAction(formData: FormData): Promise<void> {
  const connectionId = formString(formData, "connectionId");
  await requireCompany(connectionId);
  (await cookies()).set(COMPANY_COOKIE, connectionId, { httpOnly: true, sameSite: "lax", path: "/" });
  redirect("/dashboard");
}

/** Disconnect a company: admins only; revokes the refresh token at Fortnox. */
export async function disconnectAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const result = await runAction(async () => {
    const connectionId = formString(formData, "connectionId");
    const { viewer } = await requireCompany(connectionId, "admin");
    await (await getTokenManager()).disconnect(connectionId, viewer.user.id);
    // Whoever had only this company is signed out everywhere at once.
    await endSessionsAfterDisconnect(await getDb(), connectionId);
    return { connectionId };
  });
  if (result.ok) {
    revalidatePath("/", "layout");
    redirect("/dashboard");
  }
  return result;
}

export async function signOutAction(): Promise<void> {
  (await cookies()).delete(COMPANY_COOKIE);
  await endCurrentSession();
  await signOut({ redirectTo: "/" });
}

export type { ActionResult };
