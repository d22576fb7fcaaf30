import { randomBytes } from "node:crypto";

import { eq } from "drizzle-orm";
import { z } from "zod";

import { openToken, sealToken, type KeyRing } from "@/lib/crypto/token-cipher";
import type { Database } from "@/lib/db/client";
import { alertWebhooks } from "@/lib/db/schema";

import type { Executor } from "./conditions";

/**
 * A company's alert webhook: the URL (http or https only) and the signing secret, generated here
 * and shown to the admin once. The secret is sealed at rest and never sent to the browser again;
 * setting a new URL makes a new secret, so a leaked one is replaced by saving the form again.
 */

const MAX_URL = 2000;

/** The URL field: http(s), no credentials (the page shows the URL back), no fragments. */
export const webhookUrlSchema = z
  .string()
  .trim()
  .min(1, { error: "settings.alerts.error.urlRequired", abort: true })
  .max(MAX_URL, { error: "settings.alerts.error.url", abort: true })
  .refine((raw) => {
    let u: URL;
    try {
      u = new URL(raw);
    } catch {
      return false;
    }
    return (u.protocol === "http:" || u.protocol === "https:") && u.username === "" && u.password === "" && u.hostname !== "";
  }, "settings.alerts.error.url");

const context = (tenantId: string) => `alert-webhook:${tenantId}`;

export async function saveAlertWebhook(db: Database, ring: KeyRing, tenantId: string, url: string, userId: string | null): Promise<{ secret: string }> {
  const secret = `whsec_${randomBytes(32).toString("base64url")}`;
  const values = { url, secretEnc: sealToken(secret, ring, context(tenantId)), createdByUserId: userId, updatedAt: new Date() };
  await db.insert(alertWebhooks).values({ tenantId, ...values }).onConflictDoUpdate({ target: alertWebhooks.tenantId, set: values });
  return { secret };
}

export async function removeAlertWebhook(db: Database, tenantId: string): Promise<boolean> {
  return (await db.delete(alertWebhooks).where(eq(alertWebhooks.tenantId, tenantId)).returning({ tenantId: alertWebhooks.tenantId })).length > 0;
}

/** What the settings page may show: the URL and when it was set, never the secret. */
export async function alertWebhookView(db: Database, tenantId: string): Promise<{ url: string; updatedAt: Date } | null> {
  const [row] = await db.select({ url: alertWebhooks.url, updatedAt: alertWebhooks.updatedAt }).from(alertWebhooks).where(eq(alertWebhooks.tenantId, tenantId));
  return row ?? null;
}

/** The URL and secret for signing a delivery (server side only). */
export async function alertWebhookTarget(db: Executor, ring: KeyRing, tenantId: string): Promise<{ url: string; secret: string } | null> {
  const [row] = await db.select().from(alertWebhooks).where(eq(alertWebhooks.tenantId, tenantId));
  return row ? { url: row.url, secret: openToken(row.secretEnc, ring, context(tenantId)) } : null;
}
