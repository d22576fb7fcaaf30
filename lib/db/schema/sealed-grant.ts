import { integer, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * The columns of a sealed OAuth grant, shared by a company's connection and a person's identity, so
 * lib/fortnox/token-store.ts and token-lease.ts treat both rows alike. Tokens are AES-256-GCM
 * ciphertexts (`keyId` names the key so keys can rotate); plaintext tokens never touch a table.
 * A function rather than a constant: every table needs column builders of its own.
 */
export function sealedGrantColumns() {
  return {
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
  };
}
