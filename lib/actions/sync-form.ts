import { z } from "zod";

import { syncSettingsSchema } from "@/lib/sync/settings";

/*
 * The sync settings form as posted: `resources.0…2` checkboxes carrying resource names, two
 * selects, and two on/off checkboxes that are simply absent when unticked. This shapes that into
 * what the shared syncSettingsSchema validates, so the form and every other caller agree.
 */

const ticked = (v: unknown) => v !== undefined && v !== null && v !== "" && v !== false && v !== "off" && v !== "false";

function fromForm(raw: unknown): Record<string, unknown> {
  const o = raw !== null && typeof raw === "object" ? (raw as Record<string, unknown>) : {};
  const posted = o.resources === undefined ? [] : Array.isArray(o.resources) ? o.resources : [o.resources];
  // A crafted post can tick one resource three times: store (and sync) it once.
  const resources = [...new Set(posted)];
  return { resources, intervalMinutes: o.intervalMinutes, realtime: ticked(o.realtime), reconcileIntervalHours: o.reconcileIntervalHours, paused: ticked(o.paused) };
}

/** syncSettingsSchema over the posted form (lib/forms/form-data.ts builds the object). */
export const syncSettingsFormSchema = z.preprocess(fromForm, syncSettingsSchema);
