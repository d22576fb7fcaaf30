import { index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

import { alerts } from "./ops";
import { tenants, users } from "./tenants";

/**
 * Where a company's alerts are also sent: one URL per company, signed with a secret Brygga
 * generates and shows once. The secret is sealed like the Fortnox tokens (lib/crypto), since Brygga
 * must read it back to sign each delivery.
 */
export const alertWebhooks = pgTable("alert_webhooks", {
  tenantId: uuid("tenant_id")
    .primaryKey()
    .references(() => tenants.id, { onDelete: "cascade" }),
  url: text("url").notNull(),
  secretEnc: text("secret_enc").notNull(),
  createdByUserId: uuid("created_by_user_id").references(() => users.id, { onDelete: "set null" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** One webhook delivery of an alert being raised or resolved: what the settings page lists. */
export const alertDeliveries = pgTable(
  "alert_deliveries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    alertId: uuid("alert_id").references(() => alerts.id, { onDelete: "cascade" }),
    /** `alert.raised` or `alert.resolved`. */
    event: text("event").notNull(),
    kind: text("kind").notNull(),
    /** The URL at the time (the admin may change it while retries wait). */
    url: text("url").notNull(),
    /** pending (queued or retrying), delivered, failed (retries exhausted). */
    status: text("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    lastStatusCode: integer("last_status_code"),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastAttemptAt: timestamp("last_attempt_at", { withTimezone: true }),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
  },
  (t) => [index("alert_deliveries_tenant_created_idx").on(t.tenantId, t.createdAt)],
);

export type AlertWebhook = typeof alertWebhooks.$inferSelect;
export type AlertDelivery = typeof alertDeliveries.$inferSelect;
