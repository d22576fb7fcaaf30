import "server-only";

import { and, asc, eq } from "drizzle-orm";

import type { Database } from "@/lib/db/client";
import { connections, identities, memberships, tenants } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { FortnoxError } from "@/lib/fortnox/errors";
import type { FortnoxMe } from "@/lib/fortnox/me";
import { logger } from "@/lib/log";

import { NO_GRANT } from "./identity-grants";
import { applyFortnoxRole, removeMembership, type RemovalReason } from "./memberships";

/**
 * The daily membership re-check. Fortnox has no "users of a company" endpoint for apps; `/3/me`
 * tells only about the token's own user. So each member is asked about through their own grant
 * (kept from their latest sign-in), or — for the person whose sign-in became the company's
 * connection — through the connection. One `/3/me` per member per day, through the shared client
 * and rate limiter. Fortnox refusing the grant or the call removes the membership; a lost SysAdmin
 * flag demotes an admin. A member nobody can ask about is removed too (they are back at their next
 * sign-in): access Fortnox can no longer vouch for is not kept. Fortnox being down changes nothing.
 */

export interface RecheckDeps {
  db: Database;
  /** GET /3/me with the person's own grant (`identityId`), through the client and rate limiter. */
  meViaIdentity(identityId: string, fortnoxTenantId: number): Promise<FortnoxMe>;
  /** GET /3/me with the company connection's grant. */
  meViaConnection(connectionId: string, fortnoxTenantId: number): Promise<FortnoxMe>;
  now?: () => Date;
}

export interface RecheckSummary {
  checked: number;
  confirmed: number;
  roleChanged: number;
  removed: number;
  /** Fortnox could not be reached or answered oddly: left as they were, tried again tomorrow. */
  skipped: number;
}

type Outcome = { kind: "confirmed"; me: FortnoxMe } | { kind: "refused"; reason: RemovalReason } | { kind: "skipped" };

async function listMembers(db: Database) {
  return db
    .select({
      userId: memberships.userId,
      tenantId: memberships.tenantId,
      role: memberships.role,
      fortnoxTenantId: tenants.fortnoxTenantId,
      identityId: identities.id,
      fortnoxUserId: identities.fortnoxUserId,
      ownGrant: identities.refreshTokenEnc,
      connectionId: connections.id,
      connectionStatus: connections.status,
      connectedBy: connections.connectedByUserId,
    })
    .from(memberships)
    .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
    .leftJoin(identities, and(eq(identities.userId, memberships.userId), eq(identities.tenantId, memberships.tenantId)))
    .leftJoin(connections, eq(connections.tenantId, memberships.tenantId))
    .orderBy(asc(memberships.createdAt));
}
type Member = Awaited<ReturnType<typeof listMembers>>[number];

function classify(e: unknown): Outcome {
  if (e instanceof AppError && e.code === "fortnox_reconnect_required") return { kind: "refused", reason: "grant_refused" };
  if (e instanceof FortnoxError && (e.status === 401 || e.status === 403)) return { kind: "refused", reason: "fortnox_refused" };
  return { kind: "skipped" };
}

async function ask(deps: RecheckDeps, m: Member): Promise<Outcome> {
  let me: FortnoxMe;
  try {
    if (m.identityId && m.ownGrant) me = await deps.meViaIdentity(m.identityId, m.fortnoxTenantId);
    else if (m.identityId && m.connectionId && m.connectionStatus !== "disconnected" && m.connectedBy === m.userId) me = await deps.meViaConnection(m.connectionId, m.fortnoxTenantId);
    else return { kind: "refused", reason: "unverifiable" };
  } catch (e) {
    const outcome = classify(e);
    if (outcome.kind === "skipped") logger.warn("membership re-check could not reach Fortnox", { userId: m.userId, tenantId: m.tenantId, error: e });
    return outcome;
  }
  // The grant now speaks for someone else (e.g. the connection was re-consented): it cannot vouch for this member.
  return me.fortnoxId === m.fortnoxUserId ? { kind: "confirmed", me } : { kind: "refused", reason: "unverifiable" };
}

async function apply(deps: RecheckDeps, m: Member, outcome: Outcome, now: Date): Promise<"confirmed" | "roleChanged" | "removed" | "skipped"> {
  if (outcome.kind === "skipped") return "skipped";
  return deps.db.transaction(async (tx) => {
    if (outcome.kind === "refused") {
      if (m.identityId && outcome.reason !== "unverifiable") await tx.update(identities).set({ ...NO_GRANT, updatedAt: now }).where(eq(identities.id, m.identityId));
      return (await removeMembership(tx, m, outcome.reason, "recheck", now)) ? "removed" : "skipped";
    }
    const role = await applyFortnoxRole(tx, { userId: m.userId, tenantId: m.tenantId, fortnoxUserId: m.fortnoxUserId! }, outcome.me.sysAdmin, "recheck");
    await tx.update(identities).set({ lastCheckedAt: now, updatedAt: now }).where(eq(identities.id, m.identityId!));
    if (role === null) return "skipped";
    return role === m.role ? "confirmed" : "roleChanged";
  });
}

export async function recheckMemberships(deps: RecheckDeps): Promise<RecheckSummary> {
  const now = deps.now ?? (() => new Date());
  const summary: RecheckSummary = { checked: 0, confirmed: 0, roleChanged: 0, removed: 0, skipped: 0 };
  for (const m of await listMembers(deps.db)) {
    summary.checked++;
    summary[await apply(deps, m, await ask(deps, m), now())]++;
  }
  return summary;
}
