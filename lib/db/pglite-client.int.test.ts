import { PGlite, types } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { singleTripClient, type DrizzlePgliteClient } from "./pglite-client";

// drizzle's PGlite driver passes these (dates and intervals as text) with every statement.
const drizzleParsers = { [types.TIMESTAMP]: (v: string) => v, [types.TIMESTAMPTZ]: (v: string) => v, [types.INTERVAL]: (v: string) => v, [types.DATE]: (v: string) => v };

describe("PGlite statements in one trip (lib/db/pglite-client.ts)", () => {
  let pglite: PGlite;
  let client: DrizzlePgliteClient;
  beforeAll(async () => {
    pglite = await PGlite.create();
    client = singleTripClient(pglite);
    await pglite.exec(`create table t (id serial primary key, name text, amount numeric(12,2), day date, at timestamptz, flag boolean, doc jsonb, big bigint)`);
    await pglite.query(`insert into t (name, amount, day, at, flag, doc, big) values ($1, $2, $3, $4, $5, $6, $7), (null, null, null, null, null, null, null)`, [
      "Åsa's \"AB\" \\ ; drop table t; --",
      "1234.50",
      "2026-12-04",
      "2026-12-04T10:00:00Z",
      true,
      { RoundOff: 0.4 },
      "9007199254740993",
    ]);
  });
  afterAll(async () => {
    if (!pglite.closed) await pglite.close();
  });

  const statements: [string, string, unknown[]][] = [
    ["every column type, filtered by hostile text", "select * from t where name = $1 or name is null order by id", ["Åsa's \"AB\" \\ ; drop table t; --"]],
    ["numbers and booleans as parameters", "select id, amount > $1 as over, flag = $2 as same, $3::int + 1 as n from t order by id", [1000, true, 41]],
    ["a null parameter", "select coalesce($1::text, 'none') as v", [null]],
    ["text that looks like a number, a date, a boolean", "select $1::text as a, $2::text as b, $3::text as c", ["007", "2026-12-04", "false"]],
    ["no rows", "select * from t where id < 0", []],
  ];

  it.each(statements)("answers exactly as PGlite's query(): %s", async (_name, text, params) => {
    for (const rowMode of ["array", "object"] as const) {
      const options = { rowMode, parsers: drizzleParsers };
      const mine = await client.query(text, params, options);
      const theirs = await pglite.query(text, params, options);
      expect(mine).toEqual(theirs);
    }
  });

  it("sends a plain statement in one trip, and anything it does not write itself through PGlite's own query()", async () => {
    const spy = vi.spyOn(pglite, "query");
    try {
      await client.query("select $1::text as v", ["x"], { rowMode: "array", parsers: drizzleParsers });
      expect(spy).not.toHaveBeenCalled();
      // A Date and an array are written by PGlite's serializers, by the parameter's type.
      const at = new Date("2026-12-04T10:00:00Z");
      const answer = await client.query<{ at: string; names: string[] }>("select $1::timestamptz as at, $2::text[] as names", [at, ["a", "b"]], { parsers: drizzleParsers });
      expect(spy).toHaveBeenCalledTimes(1);
      expect(answer.rows[0]).toEqual({ at: "2026-12-04 10:00:00+00", names: ["a", "b"] });
    } finally {
      spy.mockRestore();
    }
  });

  it("raises the database's error naming the statement, and the next statement runs", async () => {
    const failed = client.query("select * from t where id = $1", ["not a number"]);
    await expect(failed).rejects.toMatchObject({ code: "22P02", query: "select * from t where id = $1", params: ["not a number"] });
    await expect(client.query("select nope from t")).rejects.toMatchObject({ code: "42703" });
    expect((await client.query<{ one: number }>("select 1 as one")).rows).toEqual([{ one: 1 }]);
  });

  describe("statements kept prepared under a name (keepPrepared)", () => {
    const prepared = async (name: string) =>
      (await pglite.query<{ statement: string; generic_plans: number; custom_plans: number }>("select statement, generic_plans::int, custom_plans::int from pg_prepared_statements where name = $1", [name])).rows[0];

    it("parses a kept statement once and reuses its plan, answering as an unnamed one does", async () => {
      const text = "select id, name from t where id = $1";
      client.keepPrepared(text, "by_id");
      for (let i = 0; i < 8; i++) {
        const options = { rowMode: "object" as const, parsers: drizzleParsers };
        expect(await client.query(text, [1], options)).toEqual(await pglite.query(text, [1], options));
      }
      const kept = await prepared("by_id");
      expect(kept?.statement).toBe(text);
      // After five fresh plans PostgreSQL compares them with its generic plan and, as good, keeps that one.
      expect(kept?.generic_plans).toBeGreaterThan(0);
      expect(kept!.custom_plans + kept!.generic_plans).toBe(8);
      // Other statements stay unnamed.
      await client.query("select 2 as two");
      expect((await pglite.query<{ n: number }>("select count(*)::int as n from pg_prepared_statements")).rows[0]!.n).toBe(1);
    });

    it("prepares it again when it has gone, and carries on when a failed trip had already prepared it", async () => {
      await pglite.exec("deallocate by_id");
      const again = await client.query<{ id: number; name: string }>("select id, name from t where id = $1", [1]);
      expect(again.rows.map((r) => r.id)).toEqual([1]);
      expect(await prepared("by_id")).toBeDefined();

      const divide = "select 10 / $1::int as v";
      client.keepPrepared(divide, "divide");
      await expect(client.query(divide, [0])).rejects.toMatchObject({ code: "22012", query: divide });
      expect((await client.query<{ v: number }>(divide, [5])).rows).toEqual([{ v: 2 }]);
      expect((await prepared("divide"))?.statement).toBe(divide);
    });
  });

  it("waits for a transaction in progress instead of running inside it", async () => {
    let finished = false;
    let inserted!: () => void;
    const insertedYet = new Promise<void>((resolve) => (inserted = resolve));
    const transaction = pglite.transaction(async (tx) => {
      await tx.query("insert into t (name) values ('uncommitted')");
      inserted();
      await new Promise((resolve) => setTimeout(resolve, 100));
      await tx.rollback();
      finished = true;
    });
    await insertedYet;
    // Run inside the open transaction, this would see the row it is about to roll back.
    const seen = await client.query<{ n: number }>("select count(*)::int as n from t where name = 'uncommitted'");
    expect(finished).toBe(true);
    expect(seen.rows[0]!.n).toBe(0);
    await transaction;
  });

  it("runs transactions on PGlite itself, and refuses statements once PGlite is closed", async () => {
    const inTx = await client.transaction(async (tx) => (await tx.query<{ n: number }>("select count(*)::int as n from t")).rows[0]!.n);
    expect(inTx).toBe(2);
    await pglite.close();
    await expect(client.query("select 1")).rejects.toThrow(/closed/i);
  });
});
