// ---------------------------------------------------------------------------------------------
// Sandbox companies connected to the portal for the bench, and waiting on their syncs.

import { sandboxControl } from "@/lib/testing/sandbox";

import type { Stack } from "../../stack";

import { signIn, type Session } from "./session";

type SyncStatus = { data: { openRun: { status: string; counts?: unknown } | null } };

/** Creates a sandbox company with `seed` and connects it through the consent flow. */
export async function connectCompany(stack: Stack, seed: string): Promise<Session & { tenantId: number }> {
  const company = await sandboxControl(stack.sandboxUrl)<{ tenantId: number }>("POST", "/databases", { seed });
  return { ...(await signIn(stack, company.tenantId)), tenantId: company.tenantId };
}

async function openRun(stack: Stack, session: Session): Promise<SyncStatus["data"]["openRun"]> {
  const res = await fetch(`${stack.portalUrl}/api/connections/${session.connectionId}/sync`, { headers: { cookie: session.cookie } });
  if (!res.ok) throw new Error(`sync status answered ${res.status}`);
  return ((await res.json()) as SyncStatus).data.openRun;
}

/** Waits until the connection has no open sync run (its first sync finished). */
export async function waitForSyncIdle(stack: Stack, session: Session, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await openRun(stack, session)) === null) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the sync of ${session.connectionId} did not finish within ${timeoutMs / 1000} s`);
}

/** Waits until the connection's sync is running (not just queued). */
export async function waitForSyncRunning(stack: Stack, session: Session, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await openRun(stack, session))?.status === "running") return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the sync of ${session.connectionId} did not start within ${timeoutMs / 1000} s`);
}

export async function syncStillRunning(stack: Stack, session: Session): Promise<boolean> {
  return (await openRun(stack, session))?.status === "running";
}
