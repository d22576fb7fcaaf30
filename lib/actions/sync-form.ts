import { z } from "zod";

import { syncSettingsSchema } from "@/lib/sync/settings";

import type { ActionResult } from "./run-action";

/*
 * The sync settings form as posted: `resources.0…2` checkboxes carrying resource names, two
 * selects, and two on/off checkboxes that are simply absent when unticked. This shapes that into
 * what the shared syncSettingsSchema validates, so the form and every other caller agree.
 */

const ticked = (v: unknown) => v !== undefined && v !== null && v !== "" && v !== false && v !== "off" && v !== "false";

function fromForm(raw: unknown): Record<string, unknown> {
  const o = raw !== null && typeof raw === "object" ? (raw as Record<string, unknown>) : {};
  const resources = o.resources === undefined ? [] : Array.isArray(o.resources) ? o.resources : [o.resources];
  return { resources, intervalMinutes: o.intervalMinutes, realtime: ticked(o.realtime), reconcileIntervalHours: o.reconcileIntervalHours, paused: ticked(o.paused) };
}

/** syncSettingsSchema over the posted form (lib/forms/form-data.ts builds the object). */
export const syncSettingsFormSchema = z.preprocess(fromForm, syncSettingsSchema);

/**
 * The schema's messages are plain English (it lives in lib/sync, shared with non-UI callers), so
 * each failing field gets its own translated message here; `resources.1` folds into `resources`,
 * the group the form marks. Fields without a translation keep what the schema said.
 */
export function localizeSyncFields<T>(result: ActionResult<T>, dict: Readonly<Record<string, string>>): ActionResult<T> {
  if (result.ok || !result.fields) return result;
  const fields: Record<string, string[]> = {};
  for (const [path, messages] of Object.entries(result.fields)) {
    const field = path.split(".")[0]!;
    const translated = dict[`sync.settings.error.${field}`];
    const list = (fields[field] ??= []);
    for (const m of translated ? [translated] : messages) if (!list.includes(m)) list.push(m);
  }
  return { ...result, fields };
}
