import { index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

import { sealedGrantColumns } from "./sealed-grant";
import { tenants, users } from "./tenants";

/**
 * A Fortnox identity: the user `/3/me` names (its `Id`) inside one Fortnox company. This, never an
 * e-mail, is how a sign-in finds its Brygga user. It outlives the membership, so someone removed
 * and later re-added in Fortnox comes back as the same person.
 *
 * It also holds the user's own Fortnox grant (sealed like a connection's, bound to this row), used
 * once a day to ask Fortnox whether the user still belongs to the company and is still SysAdmin.
 * Its grant columns are a connection's (./sealed-grant.ts), so the token store and lease serve both.
 */
export const identities = pgTable(
  "identities",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    fortnoxUserId: text("fortnox_user_id").notNull(),
    ...sealedGrantColumns(),
    /** When Fortnox last confirmed the membership (sign-in or the daily re-check). */
    lastCheckedAt: timestamp("last_checked_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("identities_tenant_fortnox_user_key").on(t.tenantId, t.fortnoxUserId),
    // One Fortnox user per company per person: memberships are keyed the same way.
    uniqueIndex("identities_user_tenant_key").on(t.userId, t.tenantId),
  ],
);

/**
 * Server-side sessions. The session cookie (Auth.js's JWT) carries the row's id; every request
 * checks the row, so sign-out, removal and disconnect end a session at once in every process.
 */
export const sessions = pgTable(
  "sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    /** sign_out, removed, disconnected, replaced. */
    revokedReason: text("revoked_reason"),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export type Identity = typeof identities.$inferSelect;
export type Session = typeof sessions.$inferSelect;
