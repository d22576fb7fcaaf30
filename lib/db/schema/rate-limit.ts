import { bigint, boolean, index, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

/*
 * Fortnox's rate limit (25 requests per sliding 5 s, per client id + Fortnox tenant) is one budget
 * shared by every worker in every process, so it lives in the database (lib/fortnox/rate-limiter.ts).
 * One key row per (client id, tenant): its row lock serialises grants, and `pausedUntil` holds a
 * tenant-wide pause after Fortnox answered 429. Slots are the requests still inside the window;
 * older ones are pruned on every grant, so a key never holds many more rows than its limit.
 * `interactiveAt` makes a person's waiting visible to background workers in every process, and
 * `pacedAt` spaces background grants evenly (see the limiter's module comment).
 */

export const rateLimitKeys = pgTable(
  "rate_limit_keys",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    clientId: text("client_id").notNull(),
    /** Fortnox's tenant id (DatabaseNumber). */
    fortnoxTenantId: bigint("fortnox_tenant_id", { mode: "number" }).notNull(),
    pausedUntil: timestamp("paused_until", { withTimezone: true }),
    /** The last time a request a person waits for asked for a slot: background work yields while recent. */
    interactiveAt: timestamp("interactive_at", { withTimezone: true }),
    /** The earliest time the next background grant may be made (one per window ÷ requests). */
    pacedAt: timestamp("paced_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("rate_limit_keys_client_tenant_key").on(t.clientId, t.fortnoxTenantId)],
);

export const rateLimitSlots = pgTable(
  "rate_limit_slots",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    keyId: bigint("key_id", { mode: "number" })
      .notNull()
      .references(() => rateLimitKeys.id, { onDelete: "cascade" }),
    /** The database's clock_timestamp() when the request was granted. */
    grantedAt: timestamp("granted_at", { withTimezone: true }).notNull(),
    /**
     * An upper bound of when Fortnox saw the request: its answer (or failure) was back by then, on
     * the database's clock. Null while in flight; the slot then counts as "now".
     */
    doneAt: timestamp("done_at", { withTimezone: true }),
    interactive: boolean("interactive").notNull().default(false),
  },
  (t) => [index("rate_limit_slots_key_granted_idx").on(t.keyId, t.grantedAt)],
);

export type RateLimitKey = typeof rateLimitKeys.$inferSelect;
