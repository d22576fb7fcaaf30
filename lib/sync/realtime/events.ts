import { z } from "zod";

import type { SyncRecordJob } from "@/lib/jobs/queues";

import { RESOURCE_NAMES, type ResourceName } from "../resources/types";

/**
 * The WebSocket topics API's messages (docs/fortnox.md#websocket-topics) and the pure mapping from an event to the
 * record-update jobs it asks for. No I/O here, so the rules are unit-tested on their own.
 */

/** The topics Brygga subscribes to: exactly the resources it syncs (the names are the same). */
export const REALTIME_TOPICS: readonly ResourceName[] = RESOURCE_NAMES;

// Fortnox documents `tenantId` as a number and `entityId` as a string; accept either spelling of
// both, since one wrong guess would otherwise drop every event.
const numeric = z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]);
const text = z.union([z.string().min(1), z.number().transform(String)]);

const eventSchema = z.object({
  topic: z.string().min(1),
  offset: text,
  type: z.string().default(""),
  tenantId: numeric,
  entityId: text,
  timestamp: z.string().optional(),
});
export type TopicEvent = z.infer<typeof eventSchema>;

const replySchema = z.object({
  response: z.string(),
  result: z.string().optional(),
  message: z.string().optional(),
  // Documented as a map, the sandbox answers an array: the tenant numbers are what matters.
  tenantIds: z.union([z.array(numeric), z.record(z.string(), numeric)]).optional(),
});
export interface CommandReply {
  response: string;
  ok: boolean;
  message: string | null;
  /** Tenants the server says the session now covers; null when the reply does not say. */
  tenantIds: number[] | null;
}

export type TopicsMessage = { kind: "event"; event: TopicEvent } | { kind: "reply"; reply: CommandReply } | { kind: "other" };

/** Classify one frame: a command reply, an event, or something this client does not know. */
export function parseTopicsMessage(raw: string): TopicsMessage {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { kind: "other" };
  }
  const reply = replySchema.safeParse(json);
  if (reply.success) {
    const ids = reply.data.tenantIds;
    return {
      kind: "reply",
      reply: {
        response: reply.data.response,
        ok: reply.data.result === undefined || reply.data.result === "ok",
        message: reply.data.message ?? null,
        tenantIds: ids === undefined ? null : Array.isArray(ids) ? ids : Object.values(ids),
      },
    };
  }
  const event = eventSchema.safeParse(json);
  return event.success ? { kind: "event", event: event.data } : { kind: "other" };
}

/** A connection that wants real-time updates, and the resources its sync settings include. */
export interface RealtimeTarget {
  connectionId: string;
  resources: readonly ResourceName[];
}

/** Fortnox tenant id (DatabaseNumber) → our connections for it. */
export type TenantDirectory = ReadonlyMap<number, readonly RealtimeTarget[]>;

export function topicResource(topic: string): ResourceName | null {
  return REALTIME_TOPICS.find((t) => t === topic) ?? null;
}

/**
 * The record updates one event asks for. Every event type on a topic means "this entity changed"
 * (created, updated, deleted, booked…): the job fetches the record and stores what Fortnox has now,
 * or soft-deletes it on 404, so the type need not be trusted. Unknown topics, tenants that are not
 * (or no longer) connected, and resources a connection does not sync ask for nothing.
 */
export function jobsForEvent(event: TopicEvent, directory: TenantDirectory): SyncRecordJob[] {
  const resource = topicResource(event.topic);
  if (!resource) return [];
  return (directory.get(event.tenantId) ?? [])
    .filter((t) => t.resources.includes(resource))
    .map((t) => ({ connectionId: t.connectionId, resource, number: event.entityId }));
}

/**
 * The job's collapse key: while a job for one record waits in the queue, further events for the
 * same record join it, since the one fetch will see the latest state anyway.
 */
export function recordJobKey(job: SyncRecordJob): string {
  return `${job.connectionId}:${job.resource}:${job.number}`;
}
