import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Database } from "@/lib/db/client";
import { auditEvents, users } from "@/lib/db/schema";
import { createConnection } from "@/lib/testing/browse-records";
import { testDatabases, type TestDatabase } from "@/lib/testing/databases";

import { listAuditEvents, parseAuditFilter } from "./audit";

describe.each(testDatabases())("the audit log on $name", (factory) => {
  let t: TestDatabase;
  let db: Database;
  let tenantA: string;
  let actor: string;

  beforeAll(async () => {
    t = await factory.create();
    db = t.handle.db;
    const a = await createConnection(db, 9501, "A AB");
    const b = await createConnection(db, 9502, "B AB");
    const tenantOf = async (id: string) => (await db.query.connections.findFirst({ where: (c, { eq }) => eq(c.id, id) }))!.tenantId;
    tenantA = await tenantOf(a);
    const tenantB = await tenantOf(b);
    actor = (await db.insert(users).values({ email: "admin@a.se", name: "Admin" }).returning())[0]!.id;
    // Ties on purpose: 30 events share a timestamp with microseconds (beyond a JavaScript Date).
    const rows = Array.from({ length: 70 }, (_, i) => ({
      tenantId: tenantA,
      userId: i % 2 === 0 ? actor : null,
      type: i % 3 === 0 ? "membership.role_changed" : "connection.keepalive",
      createdAt: i < 30 ? new Date("2026-03-10T12:00:00.123Z") : new Date(Date.UTC(2026, 2, 1 + (i % 20), 8)),
    }));
    await db.insert(auditEvents).values(rows);
    await db.execute(sql`update audit_events set created_at = created_at + interval '456 microseconds' where created_at = '2026-03-10T12:00:00.123Z'`);
    await db.insert(auditEvents).values({ tenantId: tenantB, userId: actor, type: "membership.removed", createdAt: new Date("2026-03-10T12:00:00Z") });
  }, 300_000);
  afterAll(async () => t?.dispose());

  it("pages newest first through every event exactly once, never another tenant's", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let previous = Infinity;
    do {
      const { filter } = parseAuditFilter(after ? { after } : {});
      const page = await listAuditEvents(db, tenantA, filter, 7);
      for (const r of page.rows) {
        expect(r.createdAt.getTime()).toBeLessThanOrEqual(previous);
        previous = r.createdAt.getTime();
        seen.push(r.id);
      }
      after = page.next;
    } while (after);
    expect(seen).toHaveLength(70);
    expect(new Set(seen).size).toBe(70);
  });

  it("filters by event, actor and days (inclusive), together", async () => {
    const { filter, invalid } = parseAuditFilter({ type: "membership.role_changed", actor, from: "2026-03-02", to: "2026-03-10" });
    expect(invalid).toEqual([]);
    const { rows } = await listAuditEvents(db, tenantA, filter, 500);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.type).toBe("membership.role_changed");
      expect(r.actorId).toBe(actor);
      expect(r.actorName).toBe("Admin");
      expect(r.createdAt >= new Date("2026-03-02T00:00:00Z") && r.createdAt < new Date("2026-03-11T00:00:00Z")).toBe(true);
    }
    const all = (await listAuditEvents(db, tenantA, {}, 500)).rows;
    const expected = all.filter((r) => r.type === "membership.role_changed" && r.actorId === actor && r.createdAt >= new Date("2026-03-02T00:00:00Z") && r.createdAt < new Date("2026-03-11T00:00:00Z"));
    expect(rows.map((r) => r.id).sort()).toEqual(expected.map((r) => r.id).sort());
  });

  it("names each bad parameter instead of guessing, and ignores it", () => {
    const hostile = { type: "x'; drop table audit_events; --", actor: "not-a-uuid", from: "2026-02-30", to: "2026-13-01", after: "\u0000" };
    const { filter, invalid } = parseAuditFilter(hostile);
    expect(filter).toEqual({});
    expect(invalid.sort()).toEqual(["actor", "after", "from", "to", "type"]);
    expect(parseAuditFilter({ from: "2026-03-10", to: "2026-03-01" }).invalid).toEqual(["to"]);
  });
});
