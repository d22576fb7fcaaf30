import "server-only";

import { randomUUID } from "node:crypto";

import { and, eq, sql } from "drizzle-orm";

import type { KeyRing } from "@/lib/crypto/token-cipher";
import type { Database } from "@/lib/db/client";
import { recordAudit } from "@/lib/db/queries/audit";
import { connections, memberships, syncSettings, tenants, users } from "@/lib/db/schema";
import type { FortnoxIdentity } from "@/lib/fortnox/identity";
import type { TokenResponse } from "@/lib/fortnox/oauth";
import { sealedTokenColumns } from "@/lib/fortnox/token-store";

export interface OnboardInput {
  identity: FortnoxIdentity;
  tokens: TokenResponse;
  serviceAccount: boolean;
  environment: "production" | "test";
  /** The signed-in user adding another company; otherwise the user is found by e-mail. */
  linkUserId?: string;
  now?: Date;
}

export interface OnboardResult {
  userId: string;
  tenantId: string;
  connectionId: string;
  reconnected: boolean;
  scopesAdded: string[];
  scopesRemoved: string[];
}

/**
 * After consent: find or create the tenant (by DatabaseNumber), the user and their membership
 * (Fortnox SysAdmin → tenant admin), and the tenant's single connection with sealed tokens.
 * Connecting the same company again updates that connection instead of adding a second one.
 */
export async function onboardConnection(db: Database, ring: KeyRing, input: OnboardInput): Promise<OnboardResult> {
  const { identity, tokens } = input;
  const now = input.now ?? new Date();
  const scopes = tokens.scope.split(" ").filter(Boolean).sort();

  return db.transaction(async (tx) => {
    const [tenant] = await tx
      .insert(tenants)
      .values({ fortnoxTenantId: identity.tenantId, organisationNumber: identity.organisationNumber, name: identity.companyName })
      .onConflictDoUpdate({ target: tenants.fortnoxTenantId, set: { organisationNumber: identity.organisationNumber, name: identity.companyName, updatedAt: now } })
      .returning();

    const userId = await resolveUser(tx, identity, input.linkUserId, now);
    await tx
      .insert(memberships)
      .values({ userId, tenantId: tenant!.id, role: identity.user.sysAdmin ? "admin" : "member", fortnoxUserId: identity.user.fortnoxId })
      .onConflictDoUpdate({
        target: [memberships.userId, memberships.tenantId],
        set: { role: identity.user.sysAdmin ? "admin" : "member", fortnoxUserId: identity.user.fortnoxId },
      });

    const [existing] = await tx.select().from(connections).where(eq(connections.tenantId, tenant!.id)).for("update");
    const connectionId = existing?.id ?? randomUUID();
    const sealed = sealedTokenColumns(ring, connectionId, tokens, now);
    const values = { scopes, serviceAccount: input.serviceAccount, environment: input.environment, status: "active" as const, connectedByUserId: userId, ...sealed };
    if (existing) {
      await tx.update(connections).set(values).where(eq(connections.id, connectionId));
    } else {
      await tx.insert(connections).values({ id: connectionId, tenantId: tenant!.id, ...values });
      await tx.insert(syncSettings).values({ connectionId }).onConflictDoNothing();
    }

    const before = new Set(existing?.scopes ?? []);
    const result: OnboardResult = {
      userId,
      tenantId: tenant!.id,
      connectionId,
      reconnected: existing !== undefined,
      scopesAdded: scopes.filter((s) => !before.has(s)),
      scopesRemoved: [...before].filter((s) => !scopes.includes(s)),
    };
    await recordAudit(tx, {
      tenantId: tenant!.id,
      connectionId,
      userId,
      type: existing ? "connection.reconnected" : "connection.connected",
      detail: { scopes, scopesAdded: result.scopesAdded, scopesRemoved: result.scopesRemoved, serviceAccount: input.serviceAccount },
    });
    return result;
  });
}

type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

async function resolveUser(tx: Tx, identity: FortnoxIdentity, linkUserId: string | undefined, now: Date): Promise<string> {
  if (linkUserId) {
    const [linked] = await tx.select({ id: users.id }).from(users).where(eq(users.id, linkUserId));
    if (linked) return linked.id;
  }
  const [found] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(sql`lower(${users.email}) = lower(${identity.user.email})`));
  if (found) {
    await tx.update(users).set({ name: identity.user.name, lastSeenAt: now }).where(eq(users.id, found.id));
    return found.id;
  }
  const [created] = await tx
    .insert(users)
    .values({ email: identity.user.email, name: identity.user.name, locale: identity.user.locale, lastSeenAt: now })
    .returning({ id: users.id });
  return created!.id;
}
