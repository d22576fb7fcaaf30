import { randomUUID } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { alertsInStep } from "@/lib/alerts/conditions";
import { liveSession } from "@/lib/auth/server-sessions";
import { testDatabases, type TestDatabase } from "@/lib/testing/databases";

/*
 * drizzle's PGlite driver drops a prepared query's name; lib/db/prepared.ts hands it to the
 * single-trip client instead. If the text it hands over were not the text drizzle then sends, the
 * statements would quietly run unnamed again: this holds them to being kept under their names.
 */
describe("prepared statements on PGlite (lib/db/prepared.ts)", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await testDatabases()
      .find((f) => f.name === "pglite")!
      .create();
  }, 120_000);
  afterAll(async () => {
    await t?.dispose();
  });

  it("keeps the session's and the alerts' statements prepared under their names, parsed once", async () => {
    const { db, pglite } = t.handle;
    for (let i = 0; i < 7; i++) {
      expect(await liveSession(db, randomUUID(), randomUUID())).toBeNull();
      expect(await alertsInStep(db, randomUUID())).toEqual([]);
    }
    const { rows } = await pglite!.query<{ name: string; generic_plans: number; custom_plans: number }>(
      `select name, generic_plans::int, custom_plans::int from pg_prepared_statements order by name`,
    );
    expect(rows.map((r) => r.name)).toEqual(["alert_connection_state", "live_session", "open_alerts"]);
    for (const r of rows) expect(r.generic_plans + r.custom_plans, r.name).toBe(7);
  });
});
