import "server-only";

import type { JobWithMetadata, PgBoss, Queue } from "pg-boss";

import { attemptDelivery, checkTenantAlerts, requeueStranded, type DeliveryDeps } from "@/lib/alerts/deliveries";
import type { KeyRing } from "@/lib/crypto/token-cipher";
import type { Database } from "@/lib/db/client";
import { connections } from "@/lib/db/schema";
import { logger } from "@/lib/log";

import { ensureQueue, NOTIFY_BACKSTOP } from "@/lib/jobs/boss";
import { QUEUES, type AlertWebhookJob } from "./queues";

/**
 * Alert webhooks retry with exponential backoff: about 10 s, 20 s, 40 s … capped at an hour, eight
 * retries (roughly four hours in all), then the delivery is marked failed on the settings page.
 */
export const ALERT_WEBHOOK_QUEUE_OPTIONS = { policy: "standard", retryLimit: 8, retryDelay: 10, retryBackoff: true, retryDelayMax: 3600 } as const satisfies Omit<Queue, "name">;

/** The deliveries' dependencies with pg-boss as the queue. */
export function bossDeliveryDeps(boss: PgBoss, db: Database, ring: KeyRing): DeliveryDeps {
  return {
    db,
    ring,
    send: async (deliveryId) => {
      await boss.send(QUEUES.alertWebhook, { deliveryId } satisfies AlertWebhookJob);
    },
  };
}

/** Reconcile every company's alerts, queue the webhooks for what changed, and any a crash left unqueued. */
export async function checkAllAlerts(deps: DeliveryDeps, now = new Date()): Promise<{ raised: number; resolved: number; requeued: number }> {
  const tenants = await deps.db.selectDistinct({ tenantId: connections.tenantId }).from(connections);
  let raised = 0;
  let resolved = 0;
  for (const { tenantId } of tenants) {
    const changes = await checkTenantAlerts(deps, tenantId, now);
    raised += changes.filter((c) => c.event === "alert.raised").length;
    resolved += changes.filter((c) => c.event === "alert.resolved").length;
  }
  return { raised, resolved, requeued: await requeueStranded(deps, now) };
}

export async function registerAlertWorkers(
  boss: PgBoss,
  deps: DeliveryDeps,
  o: { work?: boolean; queueOptions?: Omit<Queue, "name">; pollingIntervalSeconds?: number; publicOnly?: boolean } = {},
): Promise<void> {
  await ensureQueue(boss, QUEUES.alertWebhook, o.queueOptions ?? ALERT_WEBHOOK_QUEUE_OPTIONS);
  await ensureQueue(boss, QUEUES.alertCheck, { policy: "singleton" });
  await boss.schedule(QUEUES.alertCheck, "* * * * *", {}, { tz: "Europe/Stockholm" });
  if (o.work === false) return;
  // Type arguments given explicitly would stop pg-boss inferring `includeMetadata` (retryCount, retryLimit).
  // NOTIFY wakes the worker for a new delivery, not when a retry's backoff ends: those are found by
  // polling, every 15 s (a retry is due 10 s to an hour later, so it leaves at most 15 s late).
  const every = o.pollingIntervalSeconds ?? 15;
  await boss.work(QUEUES.alertWebhook, { includeMetadata: true, pollingIntervalSeconds: every, notifyPollingIntervalSeconds: every }, async ([job]: JobWithMetadata<AlertWebhookJob>[]) => {
    if (!job) return;
    await attemptDelivery({ ...deps, publicOnly: o.publicOnly ?? false }, job.data.deliveryId, job.retryCount >= job.retryLimit);
  });
  await boss.work(QUEUES.alertCheck, NOTIFY_BACKSTOP, async () => {
    const result = await checkAllAlerts(deps);
    if (result.raised + result.resolved + result.requeued > 0) logger.info("alerts checked", result);
  });
}
