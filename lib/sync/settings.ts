import "server-only";

import { eq } from "drizzle-orm";
import { z } from "zod";

import type { Database } from "@/lib/db/client";
import { syncSettings, type SyncSettings } from "@/lib/db/schema";

import { msg } from "@/lib/forms/message-ref";

import { RESOURCE_NAMES, type ResourceName } from "./resources/types";

/** The choices the settings form offers; the action validates against the same schema. */
export const SYNC_INTERVALS_MINUTES = [15, 30, 60, 180, 360, 720, 1440] as const;
export const RECONCILE_INTERVALS_HOURS = [6, 12, 24, 72, 168] as const;

/*
 * Messages are references (lib/forms/message-ref.ts) that the action translates into the user's
 * language. Each field fails with one message, at the field itself, whatever went wrong with it
 * (an empty select, a tampered value, an unknown resource among the ticked ones).
 */
const oneOf = <T extends readonly number[]>(values: T, message: string) =>
  z.coerce.number({ error: message }).refine((v) => (values as readonly number[]).includes(v), { message });

const isResourceName = (v: string): v is ResourceName => (RESOURCE_NAMES as readonly string[]).includes(v);
const resourceList = z.array(z.string(), { error: msg("sync.settings.error.resources") }).transform((list, ctx) => {
  const names = list.filter(isResourceName);
  if (names.length === 0 || names.length !== list.length) {
    ctx.addIssue({ code: "custom", message: msg("sync.settings.error.resources") });
    return z.NEVER;
  }
  // Each resource once, whoever calls (a duplicate would be listed once per copy, every run).
  return [...new Set(names)];
});

/** Sync settings as the form and the action see them (FormData strings are coerced). */
export const syncSettingsSchema = z.object({
  resources: resourceList,
  intervalMinutes: oneOf(SYNC_INTERVALS_MINUTES, msg("sync.settings.error.intervalMinutes")),
  realtime: z.boolean(),
  reconcileIntervalHours: oneOf(RECONCILE_INTERVALS_HOURS, msg("sync.settings.error.reconcileIntervalHours")),
  paused: z.boolean(),
});
export type SyncSettingsInput = z.infer<typeof syncSettingsSchema>;

export const DEFAULT_SYNC_SETTINGS: SyncSettingsInput = { resources: [...RESOURCE_NAMES], intervalMinutes: 60, realtime: true, reconcileIntervalHours: 24, paused: false };

/** The connection's settings, or the defaults when none were saved. */
export async function getSyncSettings(db: Database, connectionId: string): Promise<SyncSettingsInput & { updatedAt: Date | null }> {
  const [row] = await db.select().from(syncSettings).where(eq(syncSettings.connectionId, connectionId));
  if (!row) return { ...DEFAULT_SYNC_SETTINGS, updatedAt: null };
  return { ...toInput(row), updatedAt: row.updatedAt };
}

function toInput(row: SyncSettings): SyncSettingsInput {
  const resources = row.resources.filter(isResourceName);
  return { resources, intervalMinutes: row.intervalMinutes, realtime: row.realtime, reconcileIntervalHours: row.reconcileIntervalHours, paused: row.paused };
}

export async function saveSyncSettings(db: Pick<Database, "insert">, connectionId: string, input: SyncSettingsInput): Promise<void> {
  const values = { ...input, updatedAt: new Date() };
  await db.insert(syncSettings).values({ connectionId, ...values }).onConflictDoUpdate({ target: syncSettings.connectionId, set: values });
}
