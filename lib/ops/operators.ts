import { eq, ilike, sql } from "drizzle-orm";

import type { Database } from "@/lib/db/client";
import { operators, users } from "@/lib/db/schema";

/**
 * Who may open `/ops`. Plain database functions (no request, no Next), shared by the guard and by
 * `npm run ops` (scripts/ops.ts).
 */

export async function isOperator(db: Database, userId: string): Promise<boolean> {
  const [row] = await db.select({ userId: operators.userId }).from(operators).where(eq(operators.userId, userId));
  return row !== undefined;
}

/**
 * Called at every sign-in. In demo mode the first person ever to sign in runs the deployment
 * (whoever pressed "Starta demo"); in every other mode nobody is granted anything here. Two first
 * sign-ins at once must not both win: under READ COMMITTED both would see an empty table, so the
 * check and the insert run under one transaction-scoped advisory lock.
 */
export async function grantAtSignIn(db: Database, mode: string, userId: string): Promise<boolean> {
  if (mode !== "demo") return false;
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('brygga.operators.first-sign-in'))`);
    const [existing] = await tx.select({ userId: operators.userId }).from(operators).limit(1);
    if (existing) return false;
    await tx.insert(operators).values({ userId, grantedBy: "demo-first-user" });
    return true;
  });
}

export type GrantOutcome =
  | { kind: "granted" | "already"; user: { id: string; email: string; name: string } }
  | { kind: "not_found" }
  | { kind: "ambiguous"; candidates: { id: string; email: string; name: string; lastSeenAt: Date | null }[] };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A user by id, or by e-mail when exactly one signed-in user has it. An e-mail never identifies
 * anyone for sure (a company's SysAdmin can give any user any address), so several matches are
 * refused and listed: the operator must pick the id.
 */
export async function resolveUser(db: Database, who: string) {
  const needle = who.trim();
  if (UUID.test(needle)) {
    const rows = await db.select().from(users).where(eq(users.id, needle));
    return rows;
  }
  if (!needle.includes("@")) return [];
  // Exact, case-insensitive match; escape LIKE's wildcards so "%" finds only a "%".
  return db.select().from(users).where(ilike(users.email, needle.replace(/[\\%_]/g, (c) => `\\${c}`)));
}

export async function grantOperator(db: Database, who: string, grantedBy: string): Promise<GrantOutcome> {
  const matches = await resolveUser(db, who);
  if (matches.length === 0) return { kind: "not_found" };
  if (matches.length > 1) return { kind: "ambiguous", candidates: matches.map((u) => ({ id: u.id, email: u.email, name: u.name, lastSeenAt: u.lastSeenAt })) };
  const user = matches[0]!;
  const inserted = await db.insert(operators).values({ userId: user.id, grantedBy }).onConflictDoNothing().returning();
  return { kind: inserted.length > 0 ? "granted" : "already", user: { id: user.id, email: user.email, name: user.name } };
}

export async function revokeOperator(db: Database, who: string): Promise<GrantOutcome | { kind: "revoked" | "was_not"; user: { id: string; email: string; name: string } }> {
  const matches = await resolveUser(db, who);
  if (matches.length === 0) return { kind: "not_found" };
  if (matches.length > 1) return { kind: "ambiguous", candidates: matches.map((u) => ({ id: u.id, email: u.email, name: u.name, lastSeenAt: u.lastSeenAt })) };
  const user = matches[0]!;
  const deleted = await db.delete(operators).where(eq(operators.userId, user.id)).returning();
  return { kind: deleted.length > 0 ? "revoked" : "was_not", user: { id: user.id, email: user.email, name: user.name } };
}

export async function listOperators(db: Database) {
  return db
    .select({ id: users.id, email: users.email, name: users.name, grantedAt: operators.grantedAt, grantedBy: operators.grantedBy })
    .from(operators)
    .innerJoin(users, eq(users.id, operators.userId))
    .orderBy(operators.grantedAt);
}
