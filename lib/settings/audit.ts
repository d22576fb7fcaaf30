import { and, desc, eq, gte, lt, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";

import type { Database } from "@/lib/db/client";
import type { AuditType } from "@/lib/db/queries/audit";
import { auditEvents, users } from "@/lib/db/schema";

/**
 * The company's audit log for its administrators: newest first, filtered by event, actor and time,
 * paged by keyset on (created_at, id) so events recorded while someone reads never shift a page.
 * Always scoped by the tenant: the filter cannot name another company's events.
 */

export const AUDIT_TYPES = [
  "connection.connected",
  "connection.reconnected",
  "connection.refresh_failed",
  "connection.disconnected",
  "consent.revoked",
  "fortnox.write",
  "settings.changed",
  "connection.keepalive",
  "membership.added",
  "membership.removed",
  "membership.role_changed",
  "identity.linked",
  "sync.run_cancelled",
  "sync.run_retried",
] as const satisfies readonly AuditType[];

export const AUDIT_PAGE_SIZE = 50;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s));
const filterSchema = z.object({
  type: z.enum(AUDIT_TYPES).optional(),
  actor: z.uuid().optional(),
  from: day.optional(),
  to: day.optional(),
  after: z.string().max(200).optional(),
});

export type AuditFilter = { type?: AuditType; actor?: string; from?: string; to?: string; after?: { at: Date; id: string } };

const cursorSchema = z.tuple([z.iso.datetime(), z.uuid()]);

export function encodeAuditCursor(at: Date, id: string): string {
  return Buffer.from(JSON.stringify([at.toISOString(), id])).toString("base64url");
}

function decodeCursor(raw: string): AuditFilter["after"] | null {
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8")));
    return parsed.success ? { at: new Date(parsed.data[0]), id: parsed.data[1] } : null;
  } catch {
    return null;
  }
}

/** The filter from a query string; a bad value is reported by name (the page says which) and left out. */
export function parseAuditFilter(params: Record<string, string | string[] | undefined>): { filter: AuditFilter; invalid: string[] } {
  const filter: AuditFilter = {};
  const invalid: string[] = [];
  for (const key of ["type", "actor", "from", "to", "after"] as const) {
    const raw = params[key];
    if (raw === undefined || raw === "") continue;
    const one = filterSchema.shape[key].safeParse(Array.isArray(raw) ? raw[0] : raw);
    if (!one.success || one.data === undefined) {
      invalid.push(key);
      continue;
    }
    if (key === "after") {
      const after = decodeCursor(one.data);
      if (after) filter.after = after;
      else invalid.push(key);
    } else (filter as Record<string, string>)[key] = one.data;
  }
  if (filter.from && filter.to && filter.from > filter.to) invalid.push("to");
  return { filter, invalid };
}

export interface AuditRow {
  id: string;
  type: string;
  createdAt: Date;
  actorId: string | null;
  actorName: string | null;
  actorEmail: string | null;
  detail: Record<string, unknown>;
}

/** One page of the tenant's events, newest first, and the cursor for the next page. */
// JavaScript dates hold milliseconds and PostgreSQL microseconds: order and compare at the cursor's precision.
const at = sql`date_trunc('milliseconds', ${auditEvents.createdAt})`;

export async function listAuditEvents(db: Database, tenantId: string, filter: AuditFilter, limit = AUDIT_PAGE_SIZE): Promise<{ rows: AuditRow[]; next: string | null }> {
  const where: SQL[] = [eq(auditEvents.tenantId, tenantId)];
  if (filter.type) where.push(eq(auditEvents.type, filter.type));
  if (filter.actor) where.push(eq(auditEvents.userId, filter.actor));
  if (filter.from) where.push(gte(auditEvents.createdAt, new Date(`${filter.from}T00:00:00Z`)));
  if (filter.to) where.push(lt(auditEvents.createdAt, new Date(new Date(`${filter.to}T00:00:00Z`).getTime() + 86_400_000)));
  if (filter.after) {
    const { at: when, id } = filter.after;
    where.push(or(sql`${at} < ${when.toISOString()}::timestamptz`, and(sql`${at} = ${when.toISOString()}::timestamptz`, sql`${auditEvents.id} < ${id}`))!);
  }
  const rows = await db
    .select({ id: auditEvents.id, type: auditEvents.type, createdAt: auditEvents.createdAt, actorId: auditEvents.userId, actorName: users.name, actorEmail: users.email, detail: auditEvents.detail })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.userId))
    .where(and(...where))
    .orderBy(desc(at), desc(auditEvents.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit).map((r) => ({ ...r, detail: (r.detail ?? {}) as Record<string, unknown> }));
  const last = page.at(-1);
  return { rows: page, next: rows.length > limit && last ? encodeAuditCursor(last.createdAt, last.id) : null };
}
