import "server-only";

import { getDb } from "@/lib/db/client";
import type { Alert } from "@/lib/db/schema";
import { getEnv } from "@/lib/env";
import { bossDeliveryDeps } from "@/lib/jobs/alerts";
import { getBoss } from "@/lib/jobs/boss";

import { alertsInStep, openAlerts } from "./conditions";
import { checkTenantAlerts } from "./deliveries";

/**
 * The banner's alerts for one company: reconciled on the spot, so an admin sees a condition as soon
 * as it holds rather than at the next minute's check (lib/jobs/alerts.ts). Reconciling is
 * conditional inserts and updates, so this and the scheduled check never raise an alert twice, and
 * whichever makes a change queues its webhook. When the open alerts already match the conditions,
 * as on nearly every page load, two reads answer without a transaction.
 */
export async function currentAlerts(tenantId: string): Promise<Alert[]> {
  const db = await getDb();
  const inStep = await alertsInStep(db, tenantId);
  if (inStep) return inStep;
  await checkTenantAlerts(bossDeliveryDeps(getBoss(), db, getEnv().tokenKeys), tenantId);
  return openAlerts(db, tenantId);
}
