import "server-only";

import { and, eq } from "drizzle-orm";

import { endSessionsOfCompanyless } from "@/lib/auth/server-sessions";
import { recordAudit } from "@/lib/db/queries/audit";
import { memberships, type Role } from "@/lib/db/schema";
import type { Executor } from "@/lib/fortnox/token-store";

/**
 * A membership follows what Fortnox says about the person in that company, at each sign-in and
 * at the daily re-check: a SysAdmin is the company's admin, anyone else at most a member (a viewer,
 * which only an admin in Brygga can make someone, stays a viewer). Every change is audited.
 */

export type CheckSource = "sign_in" | "recheck";
export type RemovalReason = "grant_refused" | "fortnox_refused" | "unverifiable";

interface Who {
  userId: string;
  tenantId: string;
  fortnoxUserId: string;
}

function roleFor(sysAdmin: boolean, current: Role | undefined): Role {
  if (sysAdmin) return "admin";
  return current === "viewer" ? "viewer" : "member";
}

/**
 * Bring the membership's role in line with Fortnox's SysAdmin flag; a sign-in also creates it (a
 * re-check never does: a membership removed meanwhile stays removed). Returns the role, or null.
 */
export async function applyFortnoxRole(tx: Executor, who: Who, sysAdmin: boolean, source: CheckSource): Promise<Role | null> {
  const [current] = await tx
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.userId, who.userId), eq(memberships.tenantId, who.tenantId)))
    .for("update");
  const role = roleFor(sysAdmin, current?.role);
  if (!current) {
    if (source === "recheck") return null;
    await tx.insert(memberships).values({ userId: who.userId, tenantId: who.tenantId, role, fortnoxUserId: who.fortnoxUserId });
    await recordAudit(tx, { tenantId: who.tenantId, userId: who.userId, type: "membership.added", detail: { role, source } });
    return role;
  }
  await tx.update(memberships).set({ role, fortnoxUserId: who.fortnoxUserId }).where(and(eq(memberships.userId, who.userId), eq(memberships.tenantId, who.tenantId)));
  if (current.role !== role) {
    await recordAudit(tx, { tenantId: who.tenantId, userId: who.userId, type: "membership.role_changed", detail: { from: current.role, to: role, source } });
  }
  return role;
}

/**
 * Fortnox no longer lets the person into the company: remove the membership (the company's data
 * stays; only this person's access goes) and, if they have no usable company left, end every
 * session of theirs at once.
 */
export async function removeMembership(tx: Executor, who: Omit<Who, "fortnoxUserId">, reason: RemovalReason, source: CheckSource, now = new Date()): Promise<boolean> {
  const removed = await tx
    .delete(memberships)
    .where(and(eq(memberships.userId, who.userId), eq(memberships.tenantId, who.tenantId)))
    .returning({ role: memberships.role });
  if (removed.length === 0) return false;
  await recordAudit(tx, { tenantId: who.tenantId, userId: who.userId, type: "membership.removed", detail: { role: removed[0]!.role, reason, source } });
  await endSessionsOfCompanyless(tx, [who.userId], "removed", now);
  return true;
}
