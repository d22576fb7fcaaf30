import { and, eq, ne } from "drizzle-orm";
import { z } from "zod";

import { endSessionsAfterDisconnect } from "@/lib/auth/server-sessions";
import type { Database } from "@/lib/db/client";
import { recordAudit } from "@/lib/db/queries/audit";
import { alerts, connections, tenants } from "@/lib/db/schema";
import { logger } from "@/lib/log";

/*
 * Fortnox's only documented webhooks: a service-account consent was created or revoked
 * (docs/fortnox.md#webhooks). They are not signed, so the body is only a hint: it must name our own
 * client id, and before anything is disconnected Fortnox itself must confirm the consent is gone
 * (a client_credentials token request for that TenantId is refused). A forged or replayed webhook
 * therefore cannot disconnect anyone, and a second delivery finds nothing left to do.
 */

const payload = z.object({
  event: z.string().max(64),
  tenantId: z.union([z.number().int().positive().max(Number.MAX_SAFE_INTEGER), z.string().regex(/^[1-9]\d{0,15}$/).transform(Number)]),
  clientId: z.string().max(256),
});

export type ConsentCheck = "revoked" | "active" | "unknown";

export interface ConsentDeps {
  db: Database;
  /** This deployment's Fortnox client id. */
  clientId: string;
  /** Ask Fortnox whether the service-account consent for this tenant still exists. */
  checkConsent(fortnoxTenantId: number): Promise<ConsentCheck>;
}

export type ConsentOutcome =
  | { status: 200; result: "disconnected" | "ignored" | "already" | "still_active" }
  | { status: 400; result: "bad_request" }
  | { status: 503; result: "unconfirmed" };

export async function handleConsentWebhook(deps: ConsentDeps, raw: unknown): Promise<ConsentOutcome> {
  const parsed = payload.safeParse(raw);
  if (!parsed.success) return { status: 400, result: "bad_request" };
  const { event, tenantId: fortnoxTenantId, clientId } = parsed.data;
  if (clientId !== deps.clientId) {
    logger.warn("consent webhook for another client id ignored", { event, fortnoxTenantId });
    return { status: 200, result: "ignored" };
  }
  if (event !== "consent-revoked") {
    logger.info("consent webhook received", { event, fortnoxTenantId });
    return { status: 200, result: "ignored" };
  }
  const [target] = await deps.db
    .select({ connectionId: connections.id, tenantId: tenants.id, status: connections.status })
    .from(tenants)
    .innerJoin(connections, eq(connections.tenantId, tenants.id))
    .where(and(eq(tenants.fortnoxTenantId, fortnoxTenantId), eq(connections.serviceAccount, true)));
  if (!target) {
    logger.info("consent revoked for a tenant without a service-account connection; ignored", { fortnoxTenantId });
    return { status: 200, result: "ignored" };
  }
  if (target.status === "disconnected") return { status: 200, result: "already" };
  const check = await deps.checkConsent(fortnoxTenantId);
  if (check === "active") {
    logger.warn("consent webhook says revoked but Fortnox still grants a token; ignored (forged or stale)", { fortnoxTenantId });
    return { status: 200, result: "still_active" };
  }
  if (check === "unknown") return { status: 503, result: "unconfirmed" };
  return disconnect(deps.db, target.connectionId, target.tenantId, fortnoxTenantId);
}

async function disconnect(db: Database, connectionId: string, tenantId: string, fortnoxTenantId: number): Promise<ConsentOutcome> {
  const done = await db.transaction(async (tx) => {
    // Conditional on the status, so two deliveries at once record one disconnect between them.
    const changed = await tx
      .update(connections)
      .set({ status: "disconnected", accessTokenEnc: null, refreshTokenEnc: null, accessTokenExpiresAt: null, refreshTokenExpiresAt: null, lastErrorCode: "consent_revoked", lastErrorMessage: "The service-account consent was revoked in Fortnox.", updatedAt: new Date() })
      .where(and(eq(connections.id, connectionId), ne(connections.status, "disconnected")))
      .returning({ id: connections.id });
    if (changed.length === 0) return false;
    await recordAudit(tx, { tenantId, connectionId, type: "consent.revoked", detail: { fortnoxTenantId, source: "webhook" } });
    // One open alert per kind and company (lib/alerts/conditions.ts): an earlier one still open stands.
    await tx.insert(alerts).values({ tenantId, connectionId, fortnoxTenantId, kind: "consent_revoked" }).onConflictDoNothing();
    await endSessionsAfterDisconnect(tx, connectionId);
    return true;
  });
  if (done) logger.warn("service-account consent revoked: connection disconnected", { connectionId, fortnoxTenantId });
  return { status: 200, result: done ? "disconnected" : "already" };
}
