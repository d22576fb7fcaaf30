import { and, asc, eq, sql } from "drizzle-orm";

import { endSessionsOfCompanyless } from "@/lib/auth/server-sessions";
import type { Database } from "@/lib/db/client";
import { recordAudit } from "@/lib/db/queries/audit";
import { identities, memberships, sessions, users, type Role } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import type { Executor } from "@/lib/fortnox/token-store";

/**
 * The company administrators' view of who may use the company in Brygga, and the two things an
 * admin may change: a person's role (member ↔ viewer) and their access (removal).
 *
 * Admin is never granted here. In Brygga "admin" means "Fortnox SysAdmin in this company": the sign-in
 * and the daily re-check set it from Fortnox's flag and demote anyone who is not SysAdmin, so a grant
 * made here would be silently undone at the next check, and until then would hand a person more
 * than Fortnox gives them. An admin can be demoted (to member or viewer), e.g. a SysAdmin who should
 * only read here; Fortnox stays the authority, so their next sign-in as SysAdmin makes them admin
 * again. Likewise a removed person who signs in again and whom Fortnox still lets into the company
 * is added back: to keep someone out for good, remove them in Fortnox.
 *
 * The last admin can be neither demoted nor removed. Both changes lock every membership row of the
 * company (`FOR UPDATE`) before counting admins, so two admins demoting each other at once are
 * serialised: the second sees one admin left and is refused.
 */

export const ASSIGNABLE_ROLES = ["member", "viewer"] as const;
export type AssignableRole = (typeof ASSIGNABLE_ROLES)[number];

export interface MemberRow {
  membershipId: string;
  userId: string;
  name: string | null;
  email: string | null;
  role: Role;
  /** The latest use of any of the person's sessions (Brygga-wide: a session is not per company). */
  lastSeenAt: Date | null;
  /** When Fortnox last confirmed the membership (sign-in or the daily re-check). */
  lastCheckedAt: Date | null;
  since: Date;
}

/** Everyone who has a membership in the tenant, admins first, then by name. */
export async function listMembers(db: Database, tenantId: string): Promise<MemberRow[]> {
  const rows = await db
    .select({
      membershipId: memberships.id,
      userId: memberships.userId,
      name: users.name,
      email: users.email,
      role: memberships.role,
      lastSeenAt: sql<Date | string | null>`(select max(${sessions.lastSeenAt}) from ${sessions} where ${sessions.userId} = ${memberships.userId})`,
      lastCheckedAt: identities.lastCheckedAt,
      since: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .leftJoin(identities, and(eq(identities.userId, memberships.userId), eq(identities.tenantId, memberships.tenantId)))
    .where(eq(memberships.tenantId, tenantId))
    .orderBy(asc(memberships.role), asc(users.name), asc(memberships.id));
  // A raw subquery's timestamp comes back as text; both drivers give a Date from here on.
  return rows.map((r) => ({ ...r, lastSeenAt: r.lastSeenAt ? new Date(r.lastSeenAt) : null }));
}

interface Change {
  tenantId: string;
  actorUserId: string;
  membershipId: string;
}

/** Lock the company's memberships and find the target among them (another tenant's id: not found). */
async function lockAndFind(tx: Executor, change: Change) {
  const all = await tx.select({ id: memberships.id, userId: memberships.userId, role: memberships.role }).from(memberships).where(eq(memberships.tenantId, change.tenantId)).orderBy(asc(memberships.id)).for("update");
  const target = all.find((m) => m.id === change.membershipId);
  if (!target) throw new AppError("not_found", "settings.members.error.notFound");
  const admins = all.filter((m) => m.role === "admin").length;
  return { target, admins };
}

/** Set a member's role to member or viewer. Returns the previous role (unchanged: nothing audited). */
export async function changeMemberRole(db: Database, change: Change & { role: AssignableRole }): Promise<{ from: Role; to: AssignableRole }> {
  return db.transaction(async (tx) => {
    const { target, admins } = await lockAndFind(tx, change);
    if (target.role === change.role) return { from: target.role, to: change.role };
    if (target.role === "admin" && admins <= 1) throw new AppError("conflict", "settings.members.error.lastAdmin");
    await tx.update(memberships).set({ role: change.role }).where(and(eq(memberships.id, target.id), eq(memberships.tenantId, change.tenantId)));
    await recordAudit(tx, {
      tenantId: change.tenantId,
      userId: change.actorUserId,
      type: "membership.role_changed",
      detail: { targetUserId: target.userId, from: target.role, to: change.role, source: "admin" },
    });
    return { from: target.role, to: change.role };
  });
}

/**
 * Remove a person's access to the company. Their next request no longer sees it; if it was their
 * only usable company, every session of theirs ends now. Returns whether their sessions ended.
 */
export async function removeMember(db: Database, change: Change, now = new Date()): Promise<{ userId: string; sessionsEnded: boolean }> {
  return db.transaction(async (tx) => {
    const { target, admins } = await lockAndFind(tx, change);
    if (target.role === "admin" && admins <= 1) throw new AppError("conflict", "settings.members.error.lastAdmin");
    await tx.delete(memberships).where(and(eq(memberships.id, target.id), eq(memberships.tenantId, change.tenantId)));
    await recordAudit(tx, {
      tenantId: change.tenantId,
      userId: change.actorUserId,
      type: "membership.removed",
      detail: { targetUserId: target.userId, role: target.role, reason: "admin_removed", source: "admin" },
    });
    const ended = await endSessionsOfCompanyless(tx, [target.userId], "removed", now);
    return { userId: target.userId, sessionsEnded: ended.length > 0 };
  });
}
