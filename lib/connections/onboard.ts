import "server-only";

import { randomUUID } from "node:crypto";

import { eq } from "drizzle-orm";

import type { KeyRing } from "@/lib/crypto/token-cipher";
import type { Database } from "@/lib/db/client";
import { recordAudit } from "@/lib/db/queries/audit";
import { connections, identities, syncSettings, tenants, type Connection, type Role } from "@/lib/db/schema";
import type { FortnoxIdentity } from "@/lib/fortnox/identity";
import type { TokenResponse } from "@/lib/fortnox/oauth";
import { GRANT_REPLACED } from "@/lib/fortnox/token-lease";
import { sealedTokenColumns } from "@/lib/fortnox/token-store";
import { logger } from "@/lib/log";

import { resolveIdentity } from "./identity";
import { openIdentityGrant, sealedIdentityGrant } from "./identity-grants";
import { applyFortnoxRole } from "./memberships";

export interface OnboardInput {
  identity: FortnoxIdentity;
  tokens: TokenResponse;
  serviceAccount: boolean;
  environment: "production" | "test";
  /** The signed-in person adding another company: the new identity joins them (lib/connections/identity.ts). */
  linkUserId?: string;
  /** Revokes a person's previous refresh token when a sign-in replaces it (best effort, after commit). */
  revokeRefreshToken?: (refreshToken: string) => Promise<void>;
  now?: Date;
}

export interface OnboardResult {
  userId: string;
  tenantId: string;
  connectionId: string;
  identityId: string;
  role: Role;
  /** Which grant the sign-in's tokens became: the company's connection, or the person's own. */
  grant: "connection" | "identity";
  reconnected: boolean;
  scopesAdded: string[];
  scopesRemoved: string[];
}

/**
 * One consent's tokens are one single-use refresh chain, so they can serve one holder. They become
 * the company's connection grant when the company has no working one (first connect, needs
 * reconnect, disconnected), when a service account is asked for, or when the person who connected
 * it connects again; otherwise they become the signing-in person's own grant, which the daily
 * membership re-check uses, and the company's connection is left alone.
 */
function connectionTakesGrant(existing: Connection | undefined, userId: string, serviceAccount: boolean): boolean {
  if (!existing || existing.status !== "active" || serviceAccount) return true;
  return existing.connectedByUserId === userId && !existing.serviceAccount;
}

/**
 * After consent: find or create the tenant (by DatabaseNumber), the person (by Fortnox identity)
 * and their membership (Fortnox SysAdmin → admin), and hand the tokens to their holder (sealed).
 */
export async function onboardConnection(db: Database, ring: KeyRing, input: OnboardInput): Promise<OnboardResult> {
  const { identity, tokens } = input;
  const now = input.now ?? new Date();
  const scopes = tokens.scope.split(" ").filter(Boolean).sort();
  let replacedRefresh = null as string | null;

  const result = await db.transaction(async (tx) => {
    const [tenant] = await tx
      .insert(tenants)
      .values({ fortnoxTenantId: identity.tenantId, organisationNumber: identity.organisationNumber, name: identity.companyName })
      .onConflictDoUpdate({ target: tenants.fortnoxTenantId, set: { organisationNumber: identity.organisationNumber, name: identity.companyName, updatedAt: now } })
      .returning();
    const tenantId = tenant!.id;

    const who = await resolveIdentity(tx, tenantId, identity.user, input.linkUserId, now);
    const { userId } = who;
    const role = (await applyFortnoxRole(tx, { userId, tenantId, fortnoxUserId: identity.user.fortnoxId }, identity.user.sysAdmin, "sign_in"))!;

    const [existing] = await tx.select().from(connections).where(eq(connections.tenantId, tenantId)).for("update");
    const connectionId = existing?.id ?? randomUUID();
    const toConnection = connectionTakesGrant(existing, userId, input.serviceAccount);
    if (toConnection) {
      const sealed = sealedTokenColumns(ring, connectionId, tokens, now);
      const values = { scopes, serviceAccount: input.serviceAccount, environment: input.environment, status: "active" as const, connectedByUserId: userId, ...sealed };
      if (existing) {
        // A refresh of the old grant still running must not save over the new one.
        await tx.update(connections).set({ ...values, ...GRANT_REPLACED }).where(eq(connections.id, connectionId));
      } else {
        await tx.insert(connections).values({ id: connectionId, tenantId, ...values });
        await tx.insert(syncSettings).values({ connectionId }).onConflictDoNothing();
      }
      await tx.update(identities).set({ lastCheckedAt: now, updatedAt: now }).where(eq(identities.id, who.identity.id));
    } else {
      replacedRefresh = openIdentityGrant(ring, who.identity).refresh;
      await tx
        .update(identities)
        .set({ ...sealedIdentityGrant(ring, who.identity.id, tokens, now), ...GRANT_REPLACED, lastCheckedAt: now })
        .where(eq(identities.id, who.identity.id));
    }

    const before = new Set(existing?.scopes ?? []);
    const out: OnboardResult = {
      userId,
      tenantId,
      connectionId,
      identityId: who.identity.id,
      role,
      grant: toConnection ? "connection" : "identity",
      reconnected: existing !== undefined,
      scopesAdded: toConnection ? scopes.filter((s) => !before.has(s)) : [],
      scopesRemoved: toConnection ? [...before].filter((s) => !scopes.includes(s)) : [],
    };
    if (toConnection) {
      await recordAudit(tx, {
        tenantId,
        connectionId,
        userId,
        type: existing ? "connection.reconnected" : "connection.connected",
        detail: { scopes, scopesAdded: out.scopesAdded, scopesRemoved: out.scopesRemoved, serviceAccount: input.serviceAccount },
      });
    }
    return out;
  });

  if (replacedRefresh && replacedRefresh !== tokens.refresh_token && input.revokeRefreshToken) {
    await input.revokeRefreshToken(replacedRefresh).catch((e: unknown) => logger.warn("revoking a replaced personal grant failed", { identityId: result.identityId, error: e }));
  }
  return result;
}
