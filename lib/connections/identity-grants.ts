import "server-only";

import { eq } from "drizzle-orm";

import { openToken, type KeyRing } from "@/lib/crypto/token-cipher";
import type { Database } from "@/lib/db/client";
import { identities, type Identity } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { OAuthTokenError, refreshGrant, type OAuthClient, type TokenResponse } from "@/lib/fortnox/oauth";
import { ACCESS_TOKEN_MARGIN_MS } from "@/lib/fortnox/provider";
import { sealedTokenColumns, type Executor } from "@/lib/fortnox/token-store";
import type { TokenManager } from "@/lib/fortnox/token-manager";
import { logger } from "@/lib/log";

/**
 * Each signed-in person's own Fortnox grant, kept to ask Fortnox once a day whether they still
 * belong to the company. Same discipline as the company connections' token manager: sealed at
 * rest (bound to the identity row), and a refresh runs under the row lock and commits the rotated
 * single-use refresh token before the new access token is used, so two processes never spend the
 * same refresh token. Within a process concurrent callers share one refresh.
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

/** The token columns cleared: the grant is gone (refused, replaced or revoked). */
export const NO_GRANT = { accessTokenEnc: null, refreshTokenEnc: null, accessTokenExpiresAt: null, refreshTokenExpiresAt: null } as const;

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

  async function read(db: Executor, identityId: string, forUpdate: boolean) {
    const q = db.select().from(identities).where(eq(identities.id, identityId));
    const [row] = forUpdate ? await q.for("update") : await q;
    if (!row) throw new AppError("not_found", "No such identity.");
    return { row, ...openIdentityGrant(deps.keyRing, row) };
  }

  const fresh = (row: Identity, access: string | null, at: Date): access is string =>
    access !== null && row.accessTokenExpiresAt !== null && row.accessTokenExpiresAt.getTime() - at.getTime() > ACCESS_TOKEN_MARGIN_MS;

  async function refreshLocked(identityId: string, force: boolean): Promise<string> {
    let dead: OAuthTokenError | undefined;
    const token = await deps.db.transaction(async (tx) => {
      const { row, access, refresh } = await read(tx, identityId, true);
      const at = now();
      if (!force && fresh(row, access, at)) return access;
      if (!refresh) throw refused();
      try {
        const tokens = await refreshGrant(deps.oauth, refresh);
        await tx.update(identities).set(sealedIdentityGrant(deps.keyRing, identityId, tokens, at)).where(eq(identities.id, identityId));
        return tokens.access_token;
      } catch (e) {
        if (!(e instanceof OAuthTokenError && e.grantIsDead)) throw e;
        // Spent or refused: forget it, so nobody tries the dead token again.
        await tx
          .update(identities)
          .set({ ...NO_GRANT, lastErrorCode: e.error, lastErrorMessage: e.description, refreshFailures: row.refreshFailures + 1, updatedAt: at })
          .where(eq(identities.id, identityId));
        dead = e;
        return null;
      }
    });
    if (dead) throw refused(dead);
    return token!;
  }

  function singleFlight(identityId: string, force: boolean): Promise<string> {
    const running = inFlight.get(identityId);
    if (running) return running;
    const p = refreshLocked(identityId, force)
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
      const { row, access, refresh } = await read(deps.db, identityId, false);
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
