import { boolean, index, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

import { sealedGrantColumns } from "./sealed-grant";
import { tenants, users } from "./tenants";

export const connectionStatusEnum = pgEnum("connection_status", ["active", "needs_reconnect", "disconnected"]);
export const fortnoxEnvironmentEnum = pgEnum("fortnox_environment", ["production", "test"]);

/** The OAuth grant Brygga holds for one Fortnox company, sealed (see ./sealed-grant.ts). */
export const connections = pgTable(
  "connections",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    environment: fortnoxEnvironmentEnum("environment").notNull().default("production"),
    status: connectionStatusEnum("status").notNull().default("active"),
    scopes: text("scopes").array().notNull(),
    serviceAccount: boolean("service_account").notNull().default(false),
    ...sealedGrantColumns(),
    connectedByUserId: uuid("connected_by_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Connecting the same company again updates its connection instead of adding a second one.
    uniqueIndex("connections_tenant_key").on(t.tenantId),
    index("connections_status_refreshed_idx").on(t.status, t.lastRefreshedAt),
  ],
);

export type Connection = typeof connections.$inferSelect;
export type ConnectionStatus = (typeof connectionStatusEnum.enumValues)[number];
