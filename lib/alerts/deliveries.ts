import { and, desc, eq, lt, sql } from "drizzle-orm";

import type { KeyRing } from "@/lib/crypto/token-cipher";
import type { Database } from "@/lib/db/client";
import { alertDeliveries, alerts, tenants, type AlertDelivery } from "@/lib/db/schema";
import { logger } from "@/lib/log";

import { reconcileAlerts, type AlertChange, type Executor } from "./conditions";
import { postTo } from "./post";
import { PRIVATE_ADDRESS, publicOnlyLookup, resolvesToPublic, type Resolver } from "./public-address";
import { DELIVERY_HEADER, SIGNATURE_HEADER, signatureHeader } from "./signature";
import { alertWebhookTarget } from "./webhook-config";

/**
 * Alert webhooks: each raised or resolved alert becomes one delivery row (what the settings page
 * lists) and one job on the `alerts/webhook` queue, which pg-boss retries with exponential backoff
 * (lib/jobs/alerts.ts). A delivery is signed at each attempt (lib/alerts/signature.ts).
 */

export interface DeliveryDeps {
  db: Database;
  ring: KeyRing;
  /** Queue one delivery's job. */
  send(deliveryId: string): Promise<void>;
}

/** A delivery row per change, when the company has set a webhook (in the caller's transaction). */
async function recordDeliveries(tx: Executor, ring: KeyRing, tenantId: string, changes: AlertChange[]): Promise<string[]> {
  if (changes.length === 0) return [];
  const target = await alertWebhookTarget(tx, ring, tenantId);
  if (!target) return [];
  const rows = await tx
    .insert(alertDeliveries)
    .values(changes.map((c) => ({ tenantId, alertId: c.alert.id, event: c.event, kind: c.alert.kind, url: target.url })))
    .returning({ id: alertDeliveries.id });
  return rows.map((r) => r.id);
}

/**
 * Reconcile one company's alerts and record a delivery per change in the same transaction, so a
 * change is never committed without its delivery (a crash between them would lose the webhook).
 * Jobs are queued after the commit; one that fails to queue is picked up by `requeueStranded`.
 */
export async function checkTenantAlerts(deps: DeliveryDeps, tenantId: string, now = new Date()): Promise<AlertChange[]> {
  const { changes, ids } = await deps.db.transaction(async (tx) => {
    const found = await reconcileAlerts(tx, tenantId, now);
    return { changes: found, ids: await recordDeliveries(tx, deps.ring, tenantId, found) };
  });
  for (const id of ids) await deps.send(id).catch((e: unknown) => logger.warn("queueing an alert webhook failed; the next check queues it", { deliveryId: id, error: e }));
  return changes;
}

/** Deliveries never attempted minutes after they were recorded (their job was not queued): queue them again. */
export async function requeueStranded(deps: DeliveryDeps, now = new Date(), afterMs = 10 * 60_000): Promise<number> {
  const stranded = await deps.db
    .select({ id: alertDeliveries.id })
    .from(alertDeliveries)
    .where(and(eq(alertDeliveries.status, "pending"), eq(alertDeliveries.attempts, 0), lt(alertDeliveries.createdAt, new Date(now.getTime() - afterMs))));
  for (const d of stranded) await deps.send(d.id);
  return stranded.length;
}

/** A failed attempt that pg-boss should retry (the row already says what happened). */
export class DeliveryFailed extends Error {
  override name = "DeliveryFailed";
}

const TIMEOUT_MS = 10_000;

export interface AttemptDeps {
  db: Database;
  ring: KeyRing;
  now?: () => Date;
  /** Production: refuse targets that resolve to loopback, private or link-local addresses. */
  publicOnly?: boolean;
  /** How host names resolve (node:dns by default; tests pass their own). */
  resolve?: Resolver;
}

/**
 * One attempt. Answers with 2xx: delivered. Anything else (a status, a timeout, a refused
 * connection): the row records it and DeliveryFailed asks pg-boss for a retry; on the last attempt
 * (`final`) the row is marked failed. Redirects are not followed: the admin set this URL.
 */
export async function attemptDelivery(deps: AttemptDeps, deliveryId: string, final: boolean): Promise<"delivered" | "skipped"> {
  const now = deps.now ?? (() => new Date());
  const [row] = await deps.db
    .select({ d: alertDeliveries, alert: alerts, company: { name: tenants.name, fortnoxTenantId: tenants.fortnoxTenantId } })
    .from(alertDeliveries)
    .innerJoin(alerts, eq(alerts.id, alertDeliveries.alertId))
    .innerJoin(tenants, eq(tenants.id, alertDeliveries.tenantId))
    .where(eq(alertDeliveries.id, deliveryId));
  if (!row || row.d.status !== "pending") return "skipped";
  const target = await alertWebhookTarget(deps.db, deps.ring, row.d.tenantId);
  if (!target) {
    await deps.db.update(alertDeliveries).set({ status: "failed", lastError: "the webhook was removed", lastAttemptAt: now() }).where(eq(alertDeliveries.id, deliveryId));
    return "skipped";
  }
  const { alert } = row;
  const body = JSON.stringify({
    id: deliveryId,
    event: row.d.event,
    alert: { id: alert.id, kind: alert.kind, raisedAt: alert.createdAt.toISOString(), resolvedAt: alert.resolvedAt?.toISOString() ?? null, detail: alert.detail },
    company: row.company,
  });
  let status: number | null = null;
  let error: string | null = null;
  try {
    // Checked first for a clear refusal (literal addresses too), then again by the connection's own
    // lookup, so a DNS answer that changes in between cannot point the request inside.
    if (deps.publicOnly && !(await resolvesToPublic(target.url, deps.resolve))) throw new Error(PRIVATE_ADDRESS);
    status = await postTo(target.url, {
      headers: { "content-type": "application/json", "user-agent": "Brygga-Alerts/1", [SIGNATURE_HEADER]: signatureHeader(target.secret, body, now()), [DELIVERY_HEADER]: deliveryId },
      body,
      timeoutMs: TIMEOUT_MS,
      lookup: deps.publicOnly ? publicOnlyLookup(deps.resolve) : undefined,
    });
    if (status < 200 || status > 299) error = `HTTP ${status}`;
  } catch (e) {
    error = e instanceof Error ? `${e.name}: ${e.message}`.slice(0, 300) : "request failed";
  }
  const ok = error === null;
  const [updated] = await deps.db
    .update(alertDeliveries)
    .set({ status: ok ? "delivered" : final ? "failed" : "pending", url: target.url, lastStatusCode: status, lastError: error, lastAttemptAt: now(), deliveredAt: ok ? now() : null, attempts: sql`${alertDeliveries.attempts} + 1` })
    .where(and(eq(alertDeliveries.id, deliveryId), eq(alertDeliveries.status, "pending")))
    .returning({ attempts: alertDeliveries.attempts });
  if (ok) return "delivered";
  logger.warn("alert webhook delivery failed", { deliveryId, status, error, attempts: updated?.attempts, final });
  throw new DeliveryFailed(`alert webhook answered ${error}`);
}

/** The latest deliveries, for the settings page. */
export async function listDeliveries(db: Database, tenantId: string, limit = 20): Promise<AlertDelivery[]> {
  return db.select().from(alertDeliveries).where(eq(alertDeliveries.tenantId, tenantId)).orderBy(desc(alertDeliveries.createdAt)).limit(limit);
}
