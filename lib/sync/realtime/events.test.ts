import { describe, expect, it } from "vitest";

import { jobsForEvent, parseTopicsMessage, recordJobKey, type TenantDirectory, type TopicEvent } from "./events";
import { reconnectDelay, wakeableSleep } from "./pacing";

const ALL = ["customers", "articles", "invoices"] as const;
const directory: TenantDirectory = new Map([
  [29302, [{ connectionId: "c-1", resources: ALL }]],
  [41000, [{ connectionId: "c-2", resources: ["customers"] }]],
]);
const event = (over: Partial<TopicEvent> = {}): TopicEvent => ({
  topic: "invoices",
  offset: "xDy7J",
  type: "invoice-updated-v1",
  tenantId: 29302,
  entityId: "3817",
  timestamp: "2017-12-28T14:59:16.500+01:00",
  ...over,
});

describe("event → record job", () => {
  it("maps a known topic and tenant to one targeted update of that record", () => {
    expect(jobsForEvent(event(), directory)).toEqual([{ connectionId: "c-1", resource: "invoices", number: "3817" }]);
    expect(jobsForEvent(event({ topic: "customers", entityId: "K-17" }), directory)).toEqual([{ connectionId: "c-1", resource: "customers", number: "K-17" }]);
  });

  it("treats every event type on a topic as a change to fetch (deleted and booked alike)", () => {
    for (const type of ["invoice-deleted-v1", "invoicepayment-bookkeep-v1", "something-new-v9"]) {
      expect(jobsForEvent(event({ type }), directory)).toHaveLength(1);
    }
  });

  it("ignores topics Brygga does not sync", () => {
    expect(jobsForEvent(event({ topic: "supplier-invoices" }), directory)).toEqual([]);
    expect(jobsForEvent(event({ topic: "vouchers" }), directory)).toEqual([]);
  });

  it("ignores tenants that are not connected (or no longer want real-time updates)", () => {
    expect(jobsForEvent(event({ tenantId: 99999 }), directory)).toEqual([]);
  });

  it("ignores resources the connection's sync settings leave out", () => {
    expect(jobsForEvent(event({ tenantId: 41000 }), directory)).toEqual([]);
    expect(jobsForEvent(event({ tenantId: 41000, topic: "customers", entityId: "5" }), directory)).toEqual([{ connectionId: "c-2", resource: "customers", number: "5" }]);
  });

  it("gives duplicates and bursts on one record the same collapse key, and other records their own", () => {
    const [a] = jobsForEvent(event({ offset: "1" }), directory);
    const [b] = jobsForEvent(event({ offset: "2", type: "invoice-bookkeep-v1" }), directory);
    const [c] = jobsForEvent(event({ entityId: "3818" }), directory);
    const [d] = jobsForEvent(event({ topic: "customers" }), directory);
    expect(recordJobKey(a!)).toBe("c-1:invoices:3817");
    expect(recordJobKey(b!)).toBe(recordJobKey(a!));
    expect(new Set([a, c, d].map((j) => recordJobKey(j!))).size).toBe(3);
  });
});

describe("topics API messages", () => {
  it("reads Fortnox's documented event", () => {
    const m = parseTopicsMessage('{"topic":"invoices","offset":"xDy7J","type":"invoicepayment-bookkeep-v1","tenantId":29302,"entityId":"3817","timestamp":"2017-12-28T14:59:16.500+01:00"}');
    expect(m).toEqual({ kind: "event", event: event({ type: "invoicepayment-bookkeep-v1" }) });
  });

  it("accepts a numeric entity id and a string tenant id", () => {
    const m = parseTopicsMessage('{"topic":"customers","offset":"00000001","type":"customer-created-v1","tenantId":"29302","entityId":17}');
    expect(m).toMatchObject({ kind: "event", event: { tenantId: 29302, entityId: "17" } });
  });

  it("reads replies whose tenantIds are a list or a map, and errors", () => {
    expect(parseTopicsMessage('{"response":"add-tenants-v1","result":"ok","tenantIds":[29302,41000]}')).toEqual({
      kind: "reply",
      reply: { response: "add-tenants-v1", ok: true, message: null, tenantIds: [29302, 41000] },
    });
    expect(parseTopicsMessage('{"response":"add-tenants-v1","result":"ok","tenantIds":{"a1b2c3":29302}}')).toMatchObject({ reply: { tenantIds: [29302] } });
    expect(parseTopicsMessage('{"response":"add-tenants-v1","result":"error","message":"Invalid client secret"}')).toMatchObject({
      reply: { ok: false, message: "Invalid client secret", tenantIds: null },
    });
  });

  it("does not mistake broken or unknown frames for events", () => {
    expect(parseTopicsMessage("not json")).toEqual({ kind: "other" });
    expect(parseTopicsMessage('{"result":"error","message":"Invalid JSON"}')).toEqual({ kind: "other" });
    expect(parseTopicsMessage('{"topic":"invoices","offset":"1"}')).toEqual({ kind: "other" });
  });
});

describe("pacing", () => {
  it("a wake cuts a sleep short, and a wake with nobody asleep ends the next sleep at once", async () => {
    const pause = wakeableSleep();
    const started = Date.now();
    const sleeping = pause.sleep(10_000);
    pause.wake();
    await sleeping;
    pause.wake();
    await pause.sleep(10_000);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it("grows from the base to the cap, with jitter between half and all of it", () => {
    expect(reconnectDelay(0, 1_000, 60_000, () => 0)).toBe(500);
    expect(reconnectDelay(0, 1_000, 60_000, () => 1)).toBe(1_000);
    expect(reconnectDelay(3, 1_000, 60_000, () => 1)).toBe(8_000);
    expect(reconnectDelay(30, 1_000, 60_000, () => 0)).toBe(30_000);
    expect(reconnectDelay(30, 1_000, 60_000, () => 1)).toBe(60_000);
  });
});
