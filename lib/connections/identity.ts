import "server-only";

import { and, eq, ne } from "drizzle-orm";

import { endSessionsOfCompanyless } from "@/lib/auth/server-sessions";
import { recordAudit } from "@/lib/db/queries/audit";
import { identities, memberships, users, type Identity } from "@/lib/db/schema";
import type { FortnoxIdentity } from "@/lib/fortnox/identity";
import type { Executor } from "@/lib/fortnox/token-store";

/**
 * Who a sign-in is. A Brygga person is found by the Fortnox identity that signed in — the company
 * (tenant) and the user id `/3/me` gives inside it — and never by e-mail: any company's SysAdmin
 * can give a user anyone's address. Companies are joined to one person only when that person,
 * signed in, adds a company (`linkUserId`): they have then proved they are both identities.
 */

export interface ResolvedIdentity {
  userId: string;
  identity: Identity;
}

export async function resolveIdentity(tx: Executor, tenantId: string, user: FortnoxIdentity["user"], linkUserId: string | undefined, now: Date): Promise<ResolvedIdentity> {
  const [existing] = await tx
    .select()
    .from(identities)
    .where(and(eq(identities.tenantId, tenantId), eq(identities.fortnoxUserId, user.fortnoxId)))
    .for("update");
  const linkTo = linkUserId ? (await tx.select({ id: users.id }).from(users).where(eq(users.id, linkUserId)))[0]?.id : undefined;

  let userId: string;
  let identity: Identity;
  if (existing && (!linkTo || existing.userId === linkTo)) {
    userId = existing.userId;
    identity = existing;
  } else if (linkTo) {
    userId = linkTo;
    identity = await linkIdentity(tx, tenantId, user.fortnoxId, linkTo, existing, now);
  } else {
    const [created] = await tx.insert(users).values({ email: user.email, name: user.name, locale: user.locale, lastSeenAt: now }).returning({ id: users.id });
    userId = created!.id;
    [identity] = (await tx.insert(identities).values({ userId, tenantId, fortnoxUserId: user.fortnoxId, createdAt: now, updatedAt: now }).returning()) as [Identity];
  }
  // Name and e-mail are display data: the latest sign-in of this person's own identity sets them.
  await tx.update(users).set({ name: user.name, email: user.email, locale: user.locale, lastSeenAt: now }).where(eq(users.id, userId));
  return { userId, identity };
}

/** Attach the Fortnox identity to the signed-in person `linkTo`, taking it (and its membership) from whoever held it. */
async function linkIdentity(tx: Executor, tenantId: string, fortnoxUserId: string, linkTo: string, existing: Identity | undefined, now: Date): Promise<Identity> {
  // One Fortnox user per company per person: another identity of theirs in this company gives way.
  await tx.delete(identities).where(and(eq(identities.userId, linkTo), eq(identities.tenantId, tenantId), ...(existing ? [ne(identities.id, existing.id)] : [])));
  let identity: Identity;
  if (existing) {
    await tx.delete(memberships).where(and(eq(memberships.userId, existing.userId), eq(memberships.tenantId, tenantId)));
    [identity] = (await tx.update(identities).set({ userId: linkTo, updatedAt: now }).where(eq(identities.id, existing.id)).returning()) as [Identity];
    await endSessionsOfCompanyless(tx, [existing.userId], "replaced", now);
  } else {
    [identity] = (await tx.insert(identities).values({ userId: linkTo, tenantId, fortnoxUserId, createdAt: now, updatedAt: now }).returning()) as [Identity];
  }
  await recordAudit(tx, { tenantId, userId: linkTo, type: "identity.linked", detail: { fortnoxUserId, fromUserId: existing?.userId ?? null } });
  return identity;
}
