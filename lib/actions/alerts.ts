"use server";

import { z } from "zod";

import { removeAlertWebhook, saveAlertWebhook, alertWebhookView, webhookUrlSchema } from "@/lib/alerts/webhook-config";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { recordSettingsChange } from "@/lib/settings/settings-audit";

import { defineAction, type ActionContext } from "./define-action";
import type { ActionResult } from "./result";

/** The alert webhook on /settings/connection: admins only, scoped to the posted company by the wrapper. */

const PATH = "/settings/connection";

export type SavedWebhook = { url: string; secret: string };

async function audit(ctx: ActionContext, from: string | null, to: string | null, secretRotated = false) {
  // The URL only: the secret is never recorded.
  const who = { tenantId: ctx.company.tenantId, connectionId: ctx.connectionId, userId: ctx.viewer.user.id };
  await recordSettingsChange(await getDb(), { ...who, section: "alert_webhook", before: { url: from }, after: { url: to }, secretRotated });
}

const save = defineAction({
  schema: z.object({ url: webhookUrlSchema }),
  role: "admin",
  forbiddenMessage: "settings.alerts.forbidden",
  async run({ url }, ctx): Promise<SavedWebhook> {
    const db = await getDb();
    const before = await alertWebhookView(db, ctx.company.tenantId);
    const { secret } = await saveAlertWebhook(db, getEnv().tokenKeys, ctx.company.tenantId, url, ctx.viewer.user.id);
    // Every save makes a new secret: recorded even when the URL stays the same.
    await audit(ctx, before?.url ?? null, url, true);
    return { url, secret };
  },
  revalidate: () => [PATH],
});

const remove = defineAction({
  schema: z.object({}),
  role: "admin",
  forbiddenMessage: "settings.alerts.forbidden",
  async run(_input, ctx) {
    const db = await getDb();
    const before = await alertWebhookView(db, ctx.company.tenantId);
    if (await removeAlertWebhook(db, ctx.company.tenantId)) await audit(ctx, before?.url ?? null, null);
    return { removed: true as const };
  },
  revalidate: () => [PATH],
});

/** Set the webhook URL: answers with the new signing secret, which is shown this once. */
export async function saveAlertWebhookAction(prev: ActionResult<SavedWebhook> | null, formData: FormData): Promise<ActionResult<SavedWebhook>> {
  return save(prev, formData);
}

export async function removeAlertWebhookAction(prev: ActionResult<{ removed: true }> | null, formData: FormData): Promise<ActionResult<{ removed: true }>> {
  return remove(prev, formData);
}
