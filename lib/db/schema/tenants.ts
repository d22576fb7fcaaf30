import { bigint, index, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

/** admin: a Fortnox SysAdmin; member: may read and write; viewer: may only read (set by an admin, never by Fortnox). */
export const roleEnum = pgEnum("membership_role", ["admin", "member", "viewer"]);

/**
 * A person in Brygga: one or more Fortnox identities (a Fortnox user in a Fortnox company, see
 * `identities`), linked only by adding a company while signed in. Name and e-mail are display data
 * from the latest sign-in; an e-mail address never identifies anyone (a company's SysAdmin can
 * give any user any address).
 */
export const users = pgTable("users", {
  id: uuid("id").primaryKey().defaultRandom(),
  email: text("email").notNull(),
  name: text("name").notNull(),
  locale: text("locale").notNull().default("sv"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  lastSeenAt: timestamp("last_seen_at", { withTimezone: true }),
});

/** A Fortnox company. `fortnoxTenantId` is Fortnox's DatabaseNumber (= the JWT's tenantId). */
export const tenants = pgTable(
  "tenants",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    fortnoxTenantId: bigint("fortnox_tenant_id", { mode: "number" }).notNull(),
    organisationNumber: text("organisation_number").notNull(),
    name: text("name").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("tenants_fortnox_tenant_id_key").on(t.fortnoxTenantId)],
);

export const memberships = pgTable(
  "memberships",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    role: roleEnum("role").notNull().default("member"),
    /** The user's id inside this Fortnox company (from /3/me). */
    fortnoxUserId: text("fortnox_user_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("memberships_user_tenant_key").on(t.userId, t.tenantId), index("memberships_tenant_idx").on(t.tenantId)],
);

export type User = typeof users.$inferSelect;
export type Tenant = typeof tenants.$inferSelect;
export type Membership = typeof memberships.$inferSelect;
export type Role = (typeof roleEnum.enumValues)[number];
