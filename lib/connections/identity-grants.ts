import "server-only";

import { and, eq } from "drizzle-orm";

import { openToken, type KeyRing } from "@/lib/crypto/token-cipher";
import type { Database } from "@/lib/db/client";
import { identities, type Identity } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { OAuthTokenError, refreshGrant, type OAuthClient, type TokenResponse } from "@/lib/fortnox/oauth";
import { ACCESS_TOKEN_MARGIN_MS } from "@/lib/fortnox/provider";
import { abandonLease, GRANT_REPLACED, leaseHeld, NO_LEASE, releaseLease, underLease, type Lease, type LeaseSubject } from "@/lib/fortnox/token-lease";
import { sealedTokenColumns } from "@/lib/fortnox/token-store";
import type { TokenManager } from "@/lib/fortnox/token-manager";
import { logger } from "@/lib/log";

/**
 * Each signed-in person's own Fortnox grant, kept to ask Fortnox once a day whether they still
 * belong to the company. Same discipline as the company connections' token manager: sealed at
 * rest (bound to the identity row), and a refresh runs under the row's refresh lease
 * (lib/fortnox/token-lease.ts: committed before the token call, so no transaction or lock is open
 * across it) and commits the rotated single-use refresh token, fenced on the lease, before the new
 * access token is used, so two processes never spend the same refresh token
 * (docs/fortnox.md#tokens). Within a process concurrent callers share one refresh.
 */

export interface IdentityGrantDeps {
  db: Database;
  keyRing: KeyRing;
  oauth: OAuthClient;
  now?: () => Date;
}

/** Ciphertexts are bound to this context, so a copied column is useless elsewhere (and never opens as a connection's). */
const sealContext = (identityId: string) => `identity:${identityId}`;

export function sealedIdentityGrant(ring: KeyRing, identityId: string, tokens: TokenResponse, now: Date) {
  return sealedTokenColumns(ring, sealContext(identityId), tokens, now);
}

/** The token columns cleared: the grant is gone (refused, replaced or revoked); a running refresh's result is refused. */
export const NO_GRANT = { accessTokenEnc: null, refreshTokenEnc: null, accessTokenExpiresAt: null, refreshTokenExpiresAt: null, ...GRANT_REPLACED } as const;

export function openIdentityGrant(ring: KeyRing, row: Identity): { access: string | null; refresh: string | null } {
  const ctx = sealContext(row.id);
  return {
    access: row.accessTokenEnc ? openToken(row.accessTokenEnc, ring, `${ctx}:access`) : null,
    refresh: row.refreshTokenEnc ? openToken(row.refreshTokenEnc, ring, `${ctx}:refresh`) : null,
  };
}

const refused = (cause?: unknown) => new AppError("fortnox_reconnect_required", "Fortnox no longer accepts this person's grant.", undefined, { cause });

/** A token source for lib/fortnox/client.ts, keyed by identity id instead of connection id. */
export function createIdentityGrants(deps: IdentityGrantDeps): Pick<TokenManager, "getAccessToken" | "refreshNow"> {
  const now = deps.now ?? (() => new Date());
  const inFlight = new Map<string, Promise<string>>();
  const grantRow = (identityId: string): LeaseSubject => ({ table: "identities", id: identityId });

  async function read(identityId: string) {
    const [row] = await deps.db.select().from(identities).where(eq(identities.id, identityId));
    if (!row) throw new AppError("not_found", "No such identity.");
    return { row, ...openIdentityGrant(deps.keyRing, row) };
  }

  const fresh = (row: Identity, access: string | null, at: Date): access is string =>
    access !== null && row.accessTokenExpiresAt !== null && row.accessTokenExpiresAt.getTime() - at.getTime() > ACCESS_TOKEN_MARGIN_MS;

  /** The lease's rules (lib/fortnox/token-lease.ts): no transaction is open while Fortnox's token endpoint answers. */
  function refreshLeased(identityId: string, force: boolean): Promise<string> {
    return underLease(deps.db, grantRow(identityId), {
      force,
      staleBefore: () => new Date(now().getTime() + ACCESS_TOKEN_MARGIN_MS),
      current: async () => {
        const { row, access, refresh } = await read(identityId);
        const ok = fresh(row, access, now());
        // No refresh token and nothing fresh: refused (or forgotten by the holder that found it dead).
        if (!ok && !refresh) throw refused();
        return { access, fresh: ok };
      },
      refresh: (lease) => refreshHolding(identityId, lease),
    });
  }

  async function refreshHolding(identityId: string, lease: Lease): Promise<string> {
    const at = now();
    // Read after the lease is ours: the latest committed refresh token (a removal may have just forgotten it).
    const { row, refresh } = await read(identityId);
    if (!refresh) {
      await releaseLease(deps.db, grantRow(identityId), lease);
      throw refused();
    }
    let tokens: TokenResponse;
    try {
      tokens = await refreshGrant(deps.oauth, refresh);
    } catch (e) {
      if (e instanceof OAuthTokenError && e.grantIsDead) {
        // Spent or refused: forget it, so nobody tries the dead token again. After an abandoned
        // lease the likelier story is a rotation whose answer was lost; the log says which.
        await deps.db
          .update(identities)
          .set({ ...NO_GRANT, lastErrorCode: e.error, lastErrorMessage: e.description, refreshFailures: row.refreshFailures + 1, updatedAt: at })
          .where(and(eq(identities.id, identityId), leaseHeld(lease)));
        logger.warn("personal fortnox grant is dead; forgotten", { identityId, error: e.error, lostRotation: lease.abandoned });
        throw refused(e);
      }
      // Fortnox answered: nothing was spent. No answer: it may have been, so the next holder is told.
      await (e instanceof OAuthTokenError ? releaseLease(deps.db, grantRow(identityId), lease) : abandonLease(deps.db, grantRow(identityId), lease));
      throw e;
    }
    // Persist before use, fenced: a holder whose lease was taken over must not overwrite newer tokens.
    const saved = await deps.db
      .update(identities)
      .set({ ...sealedIdentityGrant(deps.keyRing, identityId, tokens, at), ...NO_LEASE, updatedAt: at })
      .where(and(eq(identities.id, identityId), leaseHeld(lease)))
      .returning({ id: identities.id });
    if (saved.length === 0) {
      logger.error("personal grant refresh finished after its lease was taken over; its tokens are discarded", { identityId });
      throw new AppError("fortnox_unavailable", "Renewing access to Fortnox took too long. Try again shortly.");
    }
    return tokens.access_token;
  }

  function singleFlight(identityId: string, force: boolean): Promise<string> {
    const running = inFlight.get(identityId);
    if (running) return running;
    const p = refreshLeased(identityId, force)
      .catch((e: unknown) => {
        if (e instanceof AppError) throw e;
        logger.warn("identity grant refresh failed", { identityId, error: e });
        throw new AppError("fortnox_unavailable", "Fortnox could not be reached to renew access.", undefined, { cause: e });
      })
      .finally(() => inFlight.delete(identityId));
    inFlight.set(identityId, p);
    return p;
  }

  return {
    async getAccessToken(identityId) {
      const { row, access, refresh } = await read(identityId);
      if (fresh(row, access, now())) return access;
      if (!refresh) throw refused();
      return singleFlight(identityId, false);
    },
    async refreshNow(identityId) {
      try {
        await singleFlight(identityId, true);
        return true;
      } catch (e) {
        if (e instanceof AppError && e.code === "fortnox_reconnect_required") return false;
        throw e;
      }
    },
  };
}
