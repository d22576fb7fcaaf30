import "server-only";

import { and, eq, isNotNull, lt, or, isNull } from "drizzle-orm";

import type { KeyRing } from "@/lib/crypto/token-cipher";
import type { Database } from "@/lib/db/client";
import { recordAudit } from "@/lib/db/queries/audit";
import { connections } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/log";

import { clientCredentialsGrant, OAuthTokenError, refreshGrant, revokeRefreshToken, type OAuthClient } from "./oauth";
import { ACCESS_TOKEN_MARGIN_MS, KEEP_ALIVE_AFTER_MS } from "./provider";
import { readTokens, saveTokens, type ConnectionTokens, type Executor } from "./token-store";

/**
 * The only code that calls Fortnox's token endpoint after the first consent.
 *
 * Fortnox refresh tokens are single-use and rotate: two refreshes racing with the same token leave
 * one of them holding a dead token (integrator-pain §1). So a refresh for one connection runs
 * under the connection's row lock (SELECT … FOR UPDATE, across every process on PostgreSQL),
 * re-reads the token after taking the lock, and commits the new refresh token before anyone uses
 * the new access token. Within a process, concurrent callers share one in-flight refresh.
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

  async function markDead(tx: Executor, t: ConnectionTokens, error: OAuthTokenError) {
    await tx
      .update(connections)
      .set({ status: "needs_reconnect", lastErrorCode: error.error, lastErrorMessage: error.description, refreshFailures: t.connection.refreshFailures + 1, updatedAt: now() })
      .where(eq(connections.id, t.connection.id));
    await recordAudit(tx, { tenantId: t.connection.tenantId, connectionId: t.connection.id, type: "connection.refresh_failed", detail: { error: error.error, description: error.description } });
  }

  /** Refresh under the row lock. `force` skips the freshness re-check (keep-alive). */
  async function refreshLocked(connectionId: string, force: boolean): Promise<string> {
    let dead: OAuthTokenError | undefined;
    const token = await deps.db.transaction(async (tx) => {
      const t = usable(await readTokens(tx, deps.keyRing, connectionId, true), connectionId);
      const at = now();
      // Someone else refreshed while we waited for the lock: use theirs.
      if (!force && fresh(t, at)) return t.accessToken!;
      try {
        const tokens = t.connection.serviceAccount
          ? await clientCredentialsGrant(deps.oauth, t.fortnoxTenantId)
          : await refreshGrant(deps.oauth, requireRefresh(t));
        await saveTokens(tx, deps.keyRing, connectionId, tokens, at, t.refreshToken);
        return tokens.access_token;
      } catch (e) {
        if (e instanceof OAuthTokenError && e.grantIsDead) {
          await markDead(tx, t, e);
          dead = e;
          return null;
        }
        throw e;
      }
    });
    if (dead) {
      logger.warn("fortnox grant is dead; connection needs reconnect", { connectionId, error: dead.error });
      throw new AppError("fortnox_reconnect_required", "Fortnox no longer accepts this connection. Reconnect it to continue.", undefined, { cause: dead });
    }
    return token!;
  }

  function requireRefresh(t: ConnectionTokens): string {
    if (!t.refreshToken) throw new OAuthTokenError(400, "invalid_grant", "No refresh token stored");
    return t.refreshToken;
  }

  function singleFlight(connectionId: string, force: boolean): Promise<string> {
    const running = inFlight.get(connectionId);
    if (running) return running;
    const p = refreshLocked(connectionId, force)
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
      if (t.refreshToken) {
        // A failed revoke must not keep the customer connected against their will: forget the
        // tokens anyway (the refresh token dies unused within 45 days) and say so in the audit log.
        await revokeRefreshToken(deps.oauth, t.refreshToken).catch((e: unknown) =>
          logger.warn("fortnox revoke failed; tokens are forgotten anyway", { connectionId, error: e }),
        );
      }
      await deps.db.transaction(async (tx) => {
        await tx
          .update(connections)
          .set({ status: "disconnected", accessTokenEnc: null, refreshTokenEnc: null, accessTokenExpiresAt: null, refreshTokenExpiresAt: null, updatedAt: now() })
          .where(eq(connections.id, connectionId));
        await recordAudit(tx, { tenantId: t.connection.tenantId, connectionId, userId, type: "connection.disconnected" });
      });
    },
  };
}
