import { sql } from "drizzle-orm";

import { createSession } from "@/lib/auth/server-sessions";
import type { Database } from "@/lib/db/client";
import { queryRows } from "@/lib/db/raw";
import { memberships, users } from "@/lib/db/schema";
import { FortnoxError } from "@/lib/fortnox/errors";

/*
 * Helpers for calling the real server actions and route handlers in integration tests: the test
 * file mocks only the request (session, cookies, locale), Next's cache and navigation, and where
 * Fortnox is not the subject, the Fortnox API (a counting stand-in that refuses as "unavailable").
 */

/** FormData from ordered entries (repeatable names, as a browser posts them). */
export function form(entries: [string, string][] | Record<string, string>): FormData {
  const fd = new FormData();
  for (const [k, v] of Array.isArray(entries) ? entries : Object.entries(entries)) fd.append(k, v);
  return fd;
}

/** A signed-up person with a role in the tenant of `connectionId`; returns the user id. */
/** Each test person's server-side session (the guard checks it on every request). */
export const sessionIds = new Map<string, string>();

/** The session a mocked `readSession` returns for the person signed in as `userId`. */
export function sessionFor(userId: string | null) {
  return userId ? { userId, connectionId: "", sessionId: sessionIds.get(userId) ?? "" } : null;
}

export async function addPerson(db: Database, email: string, connectionId: string, role: "admin" | "member" | "viewer"): Promise<string> {
  const c = await db.query.connections.findFirst({ where: (t, { eq }) => eq(t.id, connectionId) });
  const [u] = await db.insert(users).values({ email, name: email }).returning();
  await db.insert(memberships).values({ userId: u!.id, tenantId: c!.tenantId, role });
  sessionIds.set(u!.id, await createSession(db, u!.id));
  return u!.id;
}

/** A Fortnox API that counts every call and answers each as Fortnox being down (503). */
export function countingFortnox() {
  const calls: string[] = [];
  const refuse = (method: string) => (path: string) => {
    calls.push(`${method} ${path}`);
    return Promise.reject(new FortnoxError(503, undefined, "Service Unavailable", true));
  };
  const api = { get: refuse("GET"), list: refuse("GET"), listAll: refuse("GET"), post: refuse("POST"), put: refuse("PUT"), pages: refuse("GET") };
  return { api, calls };
}

/** Rows per local table that a write could touch: compared before and after an action. */
export async function localRowCounts(db: Database): Promise<Record<string, number>> {
  const tables = ["customers", "articles", "invoices", "invoice_rows", "sync_settings", "sync_runs"];
  const out: Record<string, number> = {};
  for (const t of tables) {
    const [row] = await queryRows<{ n: number }>(db, sql.raw(`select count(*)::int as n from ${t}`));
    out[t] = Number(row!.n);
  }
  return out;
}

/** What next/navigation's redirect() throws in these tests. */
export class RedirectSignal extends Error {
  constructor(readonly to: string) {
    super(`NEXT_REDIRECT ${to}`);
  }
}
