import { bigint, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

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
 * Something a company's administrators (and operators) must see: e.g. a revoked service-account
 * consent. Kept minimal; `resolvedAt` is set when someone deals with it.
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
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
  },
  (t) => [index("alerts_tenant_created_idx").on(t.tenantId, t.createdAt)],
);

export type Operator = typeof operators.$inferSelect;
export type Alert = typeof alerts.$inferSelect;
