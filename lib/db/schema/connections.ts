import { boolean, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

import { tenants, users } from "./tenants";

export const connectionStatusEnum = pgEnum("connection_status", ["active", "needs_reconnect", "disconnected"]);
export const fortnoxEnvironmentEnum = pgEnum("fortnox_environment", ["production", "test"]);

/**
 * The OAuth grant Brygga holds for one Fortnox company. Tokens are AES-256-GCM ciphertexts
 * (`keyId` names the key so keys can rotate); plaintext tokens never touch this table.
 */
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
    accessTokenEnc: text("access_token_enc"),
    refreshTokenEnc: text("refresh_token_enc"),
    keyId: text("key_id"),
    accessTokenExpiresAt: timestamp("access_token_expires_at", { withTimezone: true }),
    /** Fortnox refresh tokens die 45 days after issue; the keep-alive refreshes well before. */
    refreshTokenExpiresAt: timestamp("refresh_token_expires_at", { withTimezone: true }),
    lastRefreshedAt: timestamp("last_refreshed_at", { withTimezone: true }),
    refreshFailures: integer("refresh_failures").notNull().default(0),
    lastErrorCode: text("last_error_code"),
    lastErrorMessage: text("last_error_message"),
    /**
     * The refresh lease (lib/fortnox/token-lease.ts): whoever holds an unexpired lease is the only
     * caller allowed to spend the refresh token. Committed before the call to Fortnox's token
     * endpoint, so no transaction stays open across it. `refreshEpoch` fences a stale holder: its
     * result is saved only while the epoch is still the one it leased.
     */
    refreshLeaseId: uuid("refresh_lease_id"),
    refreshLeaseUntil: timestamp("refresh_lease_until", { withTimezone: true }),
    refreshEpoch: integer("refresh_epoch").notNull().default(0),
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
