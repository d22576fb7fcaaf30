import { sql } from "drizzle-orm";
import { bigint, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

import { connections } from "./connections";
import { tenants, users } from "./tenants";

/**
 * The people who run this Brygga deployment (`/ops`). Granted with `npm run ops -- grant`, or, in
 * demo mode only, to the first person who signs in. Operators see every company; nobody else
 * learns that `/ops` exists.
 */
export const operators = pgTable("operators", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  grantedAt: timestamp("granted_at", { withTimezone: true }).notNull().defaultNow(),
  /** Who granted it: `cli`, `demo-first-user`, or an operator's user id. */
  grantedBy: text("granted_by").notNull(),
});

/**
 * Something a company's administrators (and operators) must see: a revoked service-account consent,
 * a connection that needs reconnecting, a failed run, a refresh token near its expiry
 * (lib/alerts). At most one open alert per kind and company; `resolvedAt` is set when the
 * condition clears.
 */
export const alerts = pgTable(
  "alerts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id").references(() => tenants.id, { onDelete: "cascade" }),
    connectionId: uuid("connection_id").references(() => connections.id, { onDelete: "set null" }),
    /** Fortnox's tenant id, kept even when no tenant row matches. */
    fortnoxTenantId: bigint("fortnox_tenant_id", { mode: "number" }),
    kind: text("kind").notNull(),
    /** What the alert concerns (a run id, an expiry date); never a secret. */
    detail: jsonb("detail").notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
  },
  (t) => [
    index("alerts_tenant_created_idx").on(t.tenantId, t.createdAt),
    // The deduplication: two processes raising the same alert at once insert one row between them.
    uniqueIndex("alerts_open_kind_key").on(t.tenantId, t.kind).where(sql`${t.resolvedAt} is null`),
  ],
);

export type Operator = typeof operators.$inferSelect;
export type Alert = typeof alerts.$inferSelect;
