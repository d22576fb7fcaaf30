import "server-only";

import { and, asc, eq, gt, inArray, isNull, ne, sql, type SQL } from "drizzle-orm";

import type { Database } from "@/lib/db/client";
import { prepared } from "@/lib/db/prepared";
import { companyColumns, type UserCompany } from "@/lib/db/queries/companies";
import { connections, memberships, sessions, tenants, users, type User } from "@/lib/db/schema";
import type { Executor } from "@/lib/fortnox/token-store";

/**
 * Server-side sessions behind the session cookie. The cookie (Auth.js's encrypted JWT) names a row
 * here; a request is signed in only while that row is neither revoked nor expired. The row is read
 * on every request (one primary-key lookup) and never cached across requests, so a revocation
 * takes effect at once in every process.
 */

export const SESSION_TTL_MS = 8 * 3600_000;
/** Sliding expiry without a write per request: last_seen moves at most every five minutes. */
const TOUCH_AFTER_MS = 5 * 60_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type RevokeReason = "sign_out" | "removed" | "disconnected" | "replaced";

export async function createSession(db: Executor, userId: string, now = new Date()): Promise<string> {
  const [row] = await db.insert(sessions).values({ userId, createdAt: now, lastSeenAt: now, expiresAt: new Date(now.getTime() + SESSION_TTL_MS) }).returning({ id: sessions.id });
  return row!.id;
}

export interface LiveSession {
  user: User;
  /** The user's companies with their connections, by name (as listUserCompanies gives them). */
  companies: UserCompany[];
}

/*
 * Every request asks for its session and the user's companies. One prepared statement answers
 * both: drizzle builds it once per database handle and the database plans it once
 * (lib/db/prepared.ts), and on PGlite, where each query costs the portal about a millisecond of its
 * own CPU whatever it does, it is one query instead of two. The membership → company → connection
 * chain is left-joined so a user without companies still gets their row; rows without a connection
 * are dropped, as listUserCompanies' inner joins drop them.
 */
const liveSessionStatement = (db: Database) =>
  prepared(db, "live_session", (d) =>
    d
      .select({ user: users, lastSeenAt: sessions.lastSeenAt, ...companyColumns })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .leftJoin(memberships, eq(memberships.userId, users.id))
      .leftJoin(tenants, eq(tenants.id, memberships.tenantId))
      .leftJoin(connections, eq(connections.tenantId, tenants.id))
      // A session row that is the user's own, not revoked and not expired (brygga_session_may_read asks the same).
      .where(and(eq(sessions.id, sql.placeholder("sessionId")), eq(sessions.userId, sql.placeholder("userId")), isNull(sessions.revokedAt), gt(sessions.expiresAt, sql.placeholder("now"))))
      .orderBy(asc(tenants.name)),
  );

/** A live session's user and companies, or null when the session is unknown, someone else's, revoked or expired. */
export async function liveSession(db: Database, sessionId: string, userId: string, now = new Date()): Promise<LiveSession | null> {
  if (!UUID.test(sessionId) || !UUID.test(userId)) return null;
  const rows = await liveSessionStatement(db).execute({ sessionId, userId, now: now.toISOString() });
  const first = rows[0];
  if (!first) return null;
  if (now.getTime() - first.lastSeenAt.getTime() > TOUCH_AFTER_MS) {
    // Guarded by revoked_at, so a touch racing a sign-out never revives the row.
    await db
      .update(sessions)
      .set({ lastSeenAt: now, expiresAt: new Date(now.getTime() + SESSION_TTL_MS) })
      .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
  }
  const companies: UserCompany[] = [];
  for (const { user: _user, lastSeenAt: _seen, ...c } of rows) {
    if (c.connectionId === null || c.tenantId === null || c.role === null) continue;
    companies.push(c as UserCompany);
  }
  return { user: first.user, companies };
}

/**
 * A condition that holds while the session may read `connectionId`'s records, for a read to carry
 * inside its own statement (lib/browse/route-handlers.ts): what requireCompany asks of liveSession
 * (a live session of this user, whose company the connection is, not disconnected), and also that
 * the session was touched within TOUCH_AFTER_MS, so a session due for its sliding-expiry write still
 * goes through liveSession. It calls the database function brygga_session_may_read (migration
 * drizzle/0016_session_read_gate.sql: liveSession's conditions and joins), whose query keeps its
 * plan per database session; with constant arguments it is a one-time filter, so a refused read
 * looks at none of the company's rows.
 * Null when the ids cannot name a session (the caller then takes the guard's way).
 */
export function sessionMayRead(ids: { sessionId: string; userId: string }, connectionId: string, now = new Date()): SQL | null {
  if (!UUID.test(ids.sessionId) || !UUID.test(ids.userId) || !UUID.test(connectionId)) return null;
  const seenAfter = new Date(now.getTime() - TOUCH_AFTER_MS);
  return sql`brygga_session_may_read(${ids.sessionId}::uuid, ${ids.userId}::uuid, ${connectionId}::uuid, ${now.toISOString()}::timestamptz, ${seenAfter.toISOString()}::timestamptz)`;
}

/** The user of a live session, or null when the session is unknown, someone else's, revoked or expired. */
export async function liveSessionUser(db: Database, sessionId: string, userId: string, now = new Date()): Promise<User | null> {
  return (await liveSession(db, sessionId, userId, now))?.user ?? null;
}

export async function revokeSession(db: Executor, sessionId: string, reason: RevokeReason, now = new Date()): Promise<void> {
  if (!UUID.test(sessionId)) return;
  await db.update(sessions).set({ revokedAt: now, revokedReason: reason }).where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
}

export async function revokeUserSessions(db: Executor, userIds: string[], reason: RevokeReason, now = new Date()): Promise<void> {
  if (userIds.length === 0) return;
  await db.update(sessions).set({ revokedAt: now, revokedReason: reason }).where(and(inArray(sessions.userId, userIds), isNull(sessions.revokedAt)));
}

/**
 * Of `userIds`, end the sessions of those left without a company they can use (no membership, or
 * only disconnected ones). Someone who still has a company keeps their session: the company they
 * lost simply drops out of their list on the next request.
 */
export async function endSessionsOfCompanyless(db: Executor, userIds: string[], reason: RevokeReason, now = new Date()): Promise<string[]> {
  if (userIds.length === 0) return [];
  const usable = await db
    .selectDistinct({ userId: memberships.userId })
    .from(memberships)
    .innerJoin(connections, eq(connections.tenantId, memberships.tenantId))
    .where(and(inArray(memberships.userId, userIds), ne(connections.status, "disconnected")));
  const keep = new Set(usable.map((r) => r.userId));
  const ended = [...new Set(userIds)].filter((id) => !keep.has(id));
  await revokeUserSessions(db, ended, reason, now);
  return ended;
}

/** The members of a tenant (for ending sessions after a disconnect). */
export async function tenantMemberIds(db: Executor, tenantId: string): Promise<string[]> {
  const rows = await db.select({ userId: memberships.userId }).from(memberships).where(eq(memberships.tenantId, tenantId));
  return rows.map((r) => r.userId);
}

/** After a company's connection is disconnected: end the sessions whose only company it was. */
export async function endSessionsAfterDisconnect(db: Executor, connectionId: string, now = new Date()): Promise<string[]> {
  const [c] = await db.select({ tenantId: connections.tenantId }).from(connections).where(eq(connections.id, connectionId));
  if (!c) return [];
  return endSessionsOfCompanyless(db, await tenantMemberIds(db, c.tenantId), "disconnected", now);
}
