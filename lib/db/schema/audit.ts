import { index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

import { connections } from "./connections";
import { tenants, users } from "./tenants";

/** Security-relevant events (connect, reconnect, refresh failure, disconnect, writes). Never holds secrets. */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id").references(() => tenants.id, { onDelete: "cascade" }),
    connectionId: uuid("connection_id").references(() => connections.id, { onDelete: "set null" }),
    userId: uuid("user_id").references(() => users.id, { onDelete: "set null" }),
    type: text("type").notNull(),
    detail: jsonb("detail").notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("audit_events_tenant_created_idx").on(t.tenantId, t.createdAt)],
);

export type AuditEvent = typeof auditEvents.$inferSelect;
