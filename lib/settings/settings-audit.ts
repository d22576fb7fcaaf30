import type { Database } from "@/lib/db/client";
import { recordAudit } from "@/lib/db/queries/audit";

/**
 * A settings form saved: the audit log gets the fields that changed, each with its old and new
 * value, or nothing when the form was saved unchanged. Callers pass only non-secret values.
 */

type Value = string | number | boolean | null | readonly (string | number)[];

export interface SettingsChange {
  tenantId: string;
  connectionId: string;
  userId: string;
  /** Which form: `sync`, `alert_webhook`. */
  section: string;
  before: Record<string, Value>;
  after: Record<string, Value>;
  /** A signing secret was replaced (its value is never recorded): worth an event even with no field changed. */
  secretRotated?: boolean;
}

const same = (a: Value | undefined, b: Value | undefined) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export function settingsDiff(before: Record<string, Value>, after: Record<string, Value>): Record<string, { from: Value; to: Value }> {
  const changes: Record<string, { from: Value; to: Value }> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (!same(before[key], after[key])) changes[key] = { from: before[key] ?? null, to: after[key] ?? null };
  }
  return changes;
}

export async function recordSettingsChange(db: Pick<Database, "insert">, c: SettingsChange): Promise<boolean> {
  const changes = settingsDiff(c.before, c.after);
  if (Object.keys(changes).length === 0 && !c.secretRotated) return false;
  const detail = { section: c.section, changes, ...(c.secretRotated ? { secretRotated: true } : {}) };
  await recordAudit(db, { tenantId: c.tenantId, connectionId: c.connectionId, userId: c.userId, type: "settings.changed", detail });
  return true;
}
