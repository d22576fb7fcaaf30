import "server-only";

import { logger } from "@/lib/log";

import type { TenantDirectory } from "./events";
import type { TopicsSession } from "./session";

/**
 * The tenants one topics session listens for, kept equal to the tenant directory: new connections are
 * added with add-tenants-v1 (client secret + a current access token each), gone ones removed with
 * remove-tenants-v1. Tokens are sent to the socket only; logs name connections and tenant numbers.
 */

export interface TenantSetDeps {
  clientSecret: string;
  getAccessToken(connectionId: string): Promise<string>;
  /** A refused tenant is offered again after this long (a fresh token may be accepted). */
  refusedRetryMs: number;
}

// Fortnox documents no limit on tokens per command; batches keep one frame a sane size.
const BATCH = 100;

export class SessionTenants {
  /** Tenants the server confirmed for this session. */
  readonly accepted = new Set<number>();
  private readonly refusedAt = new Map<number, number>();

  constructor(
    private readonly session: TopicsSession,
    private readonly deps: TenantSetDeps,
  ) {}

  /** Add what the directory has and the session lacks, remove what it no longer has. */
  async reconcile(directory: TenantDirectory): Promise<void> {
    const gone = [...this.accepted].filter((t) => !directory.has(t));
    if (gone.length > 0) await this.remove(gone);
    const now = Date.now();
    const missing = [...directory.keys()].filter((t) => !this.accepted.has(t) && now - (this.refusedAt.get(t) ?? -Infinity) >= this.deps.refusedRetryMs);
    for (let i = 0; i < missing.length; i += BATCH) await this.add(missing.slice(i, i + BATCH), directory);
  }

  private async add(tenantIds: number[], directory: TenantDirectory): Promise<void> {
    const tokens: string[] = [];
    const sent: number[] = [];
    for (const tenantId of tenantIds) {
      // Any of the tenant's connections holds a token for it; there is one in practice.
      const connectionId = directory.get(tenantId)?.[0]?.connectionId;
      if (!connectionId) continue;
      try {
        tokens.push(await this.deps.getAccessToken(connectionId));
        sent.push(tenantId);
      } catch (error) {
        this.refusedAt.set(tenantId, Date.now());
        logger.warn("realtime: no access token for a connection; its events wait for the next sync", { connectionId, fortnoxTenantId: tenantId, error });
      }
    }
    if (tokens.length === 0) return;
    const reply = await this.session.command({ command: "add-tenants-v1", clientSecret: this.deps.clientSecret, accessTokens: tokens });
    // The reply lists the tenants the session covers; without a list, "ok" means all of them.
    const covered = new Set(reply.tenantIds ?? (reply.ok ? sent : []));
    // One entry per connection, under a key the logger knows as an id (it redacts other UUIDs).
    const refused: { fortnoxTenantId: number; connectionId: string }[] = [];
    for (const tenantId of sent) {
      if (covered.has(tenantId)) {
        this.accepted.add(tenantId);
        this.refusedAt.delete(tenantId);
      } else {
        this.refusedAt.set(tenantId, Date.now());
        for (const t of directory.get(tenantId) ?? []) refused.push({ fortnoxTenantId: tenantId, connectionId: t.connectionId });
      }
    }
    if (refused.length > 0) logger.warn("realtime: Fortnox refused tenants", { refused, message: reply.message, retryInMs: this.deps.refusedRetryMs });
    logger.info("realtime: tenants added", { added: sent.length - refused.length, total: this.accepted.size });
  }

  private async remove(tenantIds: number[]): Promise<void> {
    const reply = await this.session.command({ command: "remove-tenants-v1", tenants: tenantIds });
    if (!reply.ok) throw new Error(`remove-tenants-v1 failed: ${reply.message ?? "no reason given"}`);
    for (const t of tenantIds) this.accepted.delete(t);
    logger.info("realtime: tenants removed", { removed: tenantIds, total: this.accepted.size });
  }
}
