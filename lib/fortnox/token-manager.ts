import "server-only";

import { and, eq, isNotNull, lt, or, isNull } from "drizzle-orm";

import type { KeyRing } from "@/lib/crypto/token-cipher";
import type { Database } from "@/lib/db/client";
import { recordAudit } from "@/lib/db/queries/audit";
import { connections } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/log";

import { clientCredentialsGrant, OAuthTokenError, refreshGrant, revokeRefreshToken, type OAuthClient, type TokenResponse } from "./oauth";
import { ACCESS_TOKEN_MARGIN_MS, KEEP_ALIVE_AFTER_MS } from "./provider";
import { abandonLease, leaseHeld, NO_LEASE, releaseLease, underLease, type Lease, type LeaseSubject } from "./token-lease";
import { readTokens, sealedTokenColumns, type ConnectionTokens } from "./token-store";

/**
 * The only code that calls Fortnox's token endpoint after the first consent.
 *
 * Fortnox refresh tokens are single-use and rotate: two refreshes racing with the same token leave
 * one of them holding a dead token (docs/fortnox.md#tokens). So a refresh for one connection runs
 * under the connection's refresh lease (lib/fortnox/token-lease.ts: committed before the call, so
 * no transaction stays open across it), re-reads the token after taking the lease, and commits
 * the new refresh token, fenced on the lease's epoch, before anyone uses the new access token.
 * Within a process, concurrent callers share one in-flight refresh.
 */

export interface TokenManagerDeps {
  db: Database;
  keyRing: KeyRing;
  oauth: OAuthClient;
  now?: () => Date;
}

export interface TokenManager {
  getAccessToken(connectionId: string): Promise<string>;
  /** Force a refresh regardless of expiry (keep-alive). Returns false when the grant is dead. */
  refreshNow(connectionId: string): Promise<boolean>;
  /** Refresh every active connection idle for 30 days, so none reaches the 45-day expiry. */
  keepAlive(): Promise<{ refreshed: number; failed: number }>;
  /** Revoke the refresh token at Fortnox and forget the tokens. */
  disconnect(connectionId: string, userId: string | null): Promise<void>;
}

export function createTokenManager(deps: TokenManagerDeps): TokenManager {
  const now = deps.now ?? (() => new Date());
  const inFlight = new Map<string, Promise<string>>();

  const fresh = (t: ConnectionTokens, at: Date) =>
    t.accessToken !== null && t.connection.accessTokenExpiresAt !== null && t.connection.accessTokenExpiresAt.getTime() - at.getTime() > ACCESS_TOKEN_MARGIN_MS;

  function usable(t: ConnectionTokens | null, connectionId: string): ConnectionTokens {
    if (!t) throw new AppError("not_found", `Connection ${connectionId} does not exist`);
    if (t.connection.status !== "active") {
      throw new AppError("fortnox_reconnect_required", "The Fortnox connection must be reconnected before it can be used.");
    }
    return t;
  }

  const grantRow = (connectionId: string): LeaseSubject => ({ table: "connections", id: connectionId });

  async function markDead(db: Database, t: ConnectionTokens, error: OAuthTokenError, lease: Lease) {
    // The previous holder's refresh may have rotated the token and lost the answer: say so.
    const lost = lease.abandoned;
    await db.transaction(async (tx) => {
      const marked = await tx
        .update(connections)
        .set({ status: "needs_reconnect", lastErrorCode: error.error, lastErrorMessage: error.description, refreshFailures: t.connection.refreshFailures + 1, ...NO_LEASE, updatedAt: now() })
        .where(and(eq(connections.id, t.connection.id), leaseHeld(lease)))
        .returning({ id: connections.id });
      if (marked.length === 0) return;
      await recordAudit(tx, {
        tenantId: t.connection.tenantId,
        connectionId: t.connection.id,
        type: lost ? "connection.refresh_lost" : "connection.refresh_failed",
        detail: { error: error.error, description: error.description, ...(lost ? { reason: "an earlier refresh ended without saving its answer; Fortnox may have rotated the token" } : {}) },
      });
    });
  }

  /**
   * Refresh under the lease (lib/fortnox/token-lease.ts): no transaction is open while Fortnox's
   * token endpoint answers. `force` refreshes even a fresh token (keep-alive, a 401).
   */
  async function refreshLeased(connectionId: string, force: boolean): Promise<string> {
    return underLease(deps.db, grantRow(connectionId), {
      force,
      staleBefore: () => new Date(now().getTime() + ACCESS_TOKEN_MARGIN_MS),
      current: async () => {
        const t = usable(await readTokens(deps.db, deps.keyRing, connectionId), connectionId);
        return { access: t.accessToken, fresh: fresh(t, now()) };
      },
      refresh: (held) => refreshHolding(connectionId, held),
    });
  }

  async function refreshHolding(connectionId: string, lease: Lease): Promise<string> {
    const at = now();
    // Read after the lease is ours: the latest committed refresh token.
    const t = usable(await readTokens(deps.db, deps.keyRing, connectionId), connectionId);
    let tokens: TokenResponse;
    try {
      tokens = t.connection.serviceAccount ? await clientCredentialsGrant(deps.oauth, t.fortnoxTenantId) : await refreshGrant(deps.oauth, requireRefresh(t));
    } catch (e) {
      if (e instanceof OAuthTokenError && e.grantIsDead) {
        await markDead(deps.db, t, e, lease);
        logger.warn("fortnox grant is dead; connection needs reconnect", { connectionId, error: e.error, lostRotation: lease.abandoned });
        throw new AppError("fortnox_reconnect_required", "Fortnox no longer accepts this connection. Reconnect it to continue.", undefined, { cause: e });
      }
      // Fortnox answered: nothing was spent. No answer: it may have been, so the next holder is told.
      await (e instanceof OAuthTokenError ? releaseLease(deps.db, grantRow(connectionId), lease) : abandonLease(deps.db, grantRow(connectionId), lease));
      throw e;
    }
    // Persist before use, fenced: a holder whose lease was taken over must not overwrite newer tokens.
    const saved = await deps.db
      .update(connections)
      .set({ ...sealedTokenColumns(deps.keyRing, connectionId, tokens, at, t.refreshToken), ...NO_LEASE })
      .where(and(eq(connections.id, connectionId), leaseHeld(lease)))
      .returning({ id: connections.id });
    if (saved.length === 0) {
      logger.error("fortnox token refresh finished after its lease was taken over; its tokens are discarded", { connectionId });
      await recordAudit(deps.db, { tenantId: t.connection.tenantId, connectionId, type: "connection.refresh_lost", detail: { reason: "the refresh outlived its lease; its answer was discarded" } });
      throw new AppError("fortnox_unavailable", "Renewing access to Fortnox took too long. Try again shortly.");
    }
    return tokens.access_token;
  }

  function requireRefresh(t: ConnectionTokens): string {
    if (!t.refreshToken) throw new OAuthTokenError(400, "invalid_grant", "No refresh token stored");
    return t.refreshToken;
  }

  function singleFlight(connectionId: string, force: boolean): Promise<string> {
    const running = inFlight.get(connectionId);
    if (running) return running;
    const p = refreshLeased(connectionId, force)
      .catch((e: unknown) => {
        if (e instanceof AppError) throw e;
        logger.error("fortnox token refresh failed", { connectionId, error: e });
        throw new AppError("fortnox_unavailable", "Fortnox could not be reached to renew access. Try again shortly.", undefined, { cause: e });
      })
      .finally(() => inFlight.delete(connectionId));
    inFlight.set(connectionId, p);
    return p;
  }

  return {
    async getAccessToken(connectionId) {
      const t = usable(await readTokens(deps.db, deps.keyRing, connectionId), connectionId);
      if (fresh(t, now())) return t.accessToken!;
      return singleFlight(connectionId, false);
    },

    async refreshNow(connectionId) {
      try {
        await singleFlight(connectionId, true);
        return true;
      } catch (e) {
        if (e instanceof AppError && e.code === "fortnox_reconnect_required") return false;
        throw e;
      }
    },

    async keepAlive() {
      const idleSince = new Date(now().getTime() - KEEP_ALIVE_AFTER_MS);
      const idle = await deps.db
        .select({ id: connections.id, tenantId: connections.tenantId })
        .from(connections)
        .where(
          and(
            eq(connections.status, "active"),
            eq(connections.serviceAccount, false),
            isNotNull(connections.refreshTokenEnc),
            or(isNull(connections.lastRefreshedAt), lt(connections.lastRefreshedAt, idleSince)),
          ),
        );
      let refreshed = 0;
      let failed = 0;
      for (const c of idle) {
        const ok = await this.refreshNow(c.id).catch(() => false);
        if (ok) {
          refreshed++;
          await recordAudit(deps.db, { tenantId: c.tenantId, connectionId: c.id, type: "connection.keepalive" });
        } else failed++;
      }
      return { refreshed, failed };
    },

    async disconnect(connectionId, userId) {
      const t = await readTokens(deps.db, deps.keyRing, connectionId);
      if (!t) throw new AppError("not_found", `Connection ${connectionId} does not exist`);
      // Fortnox's answer to the revoke, for the audit log (docs/fortnox.md#oauth2). Service accounts hold no refresh token.
      let revoke: Record<string, unknown> = { revoked: false, reason: "no_refresh_token" };
      if (t.refreshToken) {
        // A failed revoke must not keep the customer connected against their will: forget the
        // tokens anyway (the refresh token dies unused within 45 days) and say so in the audit log.
        revoke = await revokeRefreshToken(deps.oauth, t.refreshToken).then(
          () => ({ revoked: true }),
          (e: unknown) => {
            logger.warn("fortnox revoke failed; tokens are forgotten anyway", { connectionId, error: e });
            return { revoked: false, reason: e instanceof OAuthTokenError ? e.error : "unreachable" };
          },
        );
      }
      await deps.db.transaction(async (tx) => {
        await tx
          .update(connections)
          .set({ status: "disconnected", accessTokenEnc: null, refreshTokenEnc: null, accessTokenExpiresAt: null, refreshTokenExpiresAt: null, updatedAt: now() })
          .where(eq(connections.id, connectionId));
        await recordAudit(tx, { tenantId: t.connection.tenantId, connectionId, userId, type: "connection.disconnected", detail: revoke });
      });
    },
  };
}
