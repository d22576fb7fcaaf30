import "server-only";

import { eq } from "drizzle-orm";

import type { Database } from "@/lib/db/client";
import { connections, realtimeOffsets, syncSettings, tenants } from "@/lib/db/schema";

import { RESOURCE_NAMES, type ResourceName } from "../resources/types";
import { DEFAULT_SYNC_SETTINGS } from "../settings";
import type { RealtimeTarget } from "./events";

/**
 * The consumer's database side: which tenants it should listen for, and how far each topic has been
 * handled (so a restart replays what it missed; Fortnox keeps two weeks).
 */

/**
 * Active connections whose settings want real-time updates, keyed by Fortnox tenant id. A connection
 * with no settings row gets the defaults (real-time on), as getSyncSettings does. A paused
 * connection gets none either: pausing sync means Brygga stops writing its records.
 */
export async function loadTenantDirectory(db: Database): Promise<Map<number, RealtimeTarget[]>> {
  const rows = await db
    .select({
      connectionId: connections.id,
      fortnoxTenantId: tenants.fortnoxTenantId,
      realtime: syncSettings.realtime,
      paused: syncSettings.paused,
      resources: syncSettings.resources,
    })
    .from(connections)
    .innerJoin(tenants, eq(tenants.id, connections.tenantId))
    .leftJoin(syncSettings, eq(syncSettings.connectionId, connections.id))
    .where(eq(connections.status, "active"));
  const directory = new Map<number, RealtimeTarget[]>();
  for (const r of rows) {
    if (!(r.realtime ?? DEFAULT_SYNC_SETTINGS.realtime) || (r.paused ?? DEFAULT_SYNC_SETTINGS.paused)) continue;
    const resources = (r.resources ?? DEFAULT_SYNC_SETTINGS.resources).filter((x): x is ResourceName => (RESOURCE_NAMES as readonly string[]).includes(x));
    if (resources.length === 0) continue;
    const list = directory.get(r.fortnoxTenantId) ?? [];
    list.push({ connectionId: r.connectionId, resources });
    directory.set(r.fortnoxTenantId, list);
  }
  return directory;
}

/** The stored offset of every topic this app has handled events on. */
export async function loadOffsets(db: Database, clientId: string): Promise<Map<string, string>> {
  const rows = await db.select({ topic: realtimeOffsets.topic, offset: realtimeOffsets.offset }).from(realtimeOffsets).where(eq(realtimeOffsets.clientId, clientId));
  return new Map(rows.map((r) => [r.topic, r.offset]));
}

/**
 * Remember that every event up to `offset` on `topic` is handled. Called only after the event's jobs
 * are queued: a crash in between replays the event (a harmless duplicate), never skips it.
 */
export async function saveOffset(db: Database, clientId: string, topic: string, offset: string): Promise<void> {
  const now = new Date();
  await db
    .insert(realtimeOffsets)
    .values({ clientId, topic, offset, updatedAt: now })
    .onConflictDoUpdate({ target: [realtimeOffsets.clientId, realtimeOffsets.topic], set: { offset, updatedAt: now } });
}
