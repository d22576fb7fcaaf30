"use server";

import { z } from "zod";

import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { msg } from "@/lib/forms/message-ref";
import { getBoss } from "@/lib/jobs/boss";
import { nudgeRealtime } from "@/lib/sync/realtime/production";
import { requestSync } from "@/lib/sync/request";
import { recordSettingsChange } from "@/lib/settings/settings-audit";
import { getSyncSettings, saveSyncSettings } from "@/lib/sync/settings";

import { defineAction } from "./define-action";
import type { ActionResult } from "./result";
import { syncSettingsFormSchema } from "./sync-form";

/** Sync controls: any member may start a sync; only the company's admins may change its settings. */

export type SyncNowResult = { runId: string; created: boolean };

const SYNC_PATHS = ["/sync", "/dashboard"];

const syncNow = defineAction({
  schema: z.object({}),
  async run(_input, ctx) {
    // The run would only fail on Fortnox's refusal; say so now instead.
    if (ctx.company.connectionStatus === "needs_reconnect") throw new AppError("fortnox_reconnect_required", msg("sync.now.reconnect"));
    const { run, created } = await requestSync(await getDb(), getBoss(), ctx.connectionId, "incremental", "manual");
    return { runId: run.id, created };
  },
  revalidate: () => SYNC_PATHS,
});

const saveSettings = defineAction({
  schema: syncSettingsFormSchema,
  role: "admin",
  // A member reaching this (a crafted post, a stale page) hears why in the settings' own words.
  forbiddenMessage: "sync.settings.forbidden",
  async run(input, ctx) {
    const db = await getDb();
    const { updatedAt: _updatedAt, ...before } = await getSyncSettings(db, ctx.connectionId);
    await db.transaction(async (tx) => {
      await saveSyncSettings(tx, ctx.connectionId, input);
      await recordSettingsChange(tx, { tenantId: ctx.company.tenantId, connectionId: ctx.connectionId, userId: ctx.viewer.user.id, section: "sync", before, after: input });
    });
    // Real time on or off, paused, resources: the consumer follows now rather than within a minute.
    nudgeRealtime();
    return { saved: true as const };
  },
  revalidate: () => SYNC_PATHS,
});

export async function syncNowAction(prev: ActionResult<SyncNowResult> | null, formData: FormData): Promise<ActionResult<SyncNowResult>> {
  return syncNow(prev, formData);
}

export async function saveSyncSettingsAction(prev: ActionResult<{ saved: true }> | null, formData: FormData): Promise<ActionResult<{ saved: true }>> {
  return saveSettings(prev, formData);
}
