import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import type { Database } from "@/lib/db/client";
import { operators, users } from "@/lib/db/schema";
import { createSession } from "@/lib/auth/server-sessions";
import { testDatabases, type TestDatabase } from "@/lib/testing/databases";

import { runOpsCommand } from "./cli";
import { grantAtSignIn } from "./operators";

/* The real guard, session table and operators table; only the request's cookie and the mode are stand-ins. */
const request = vi.hoisted((): { db: unknown; ids: { userId: string; sessionId: string } | null; mode: string } => ({ db: null, ids: null, mode: "production" }));
vi.mock("@/lib/auth/session", () => ({ readSession: () => Promise.resolve(request.ids ? { ...request.ids, connectionId: "" } : null) }));
vi.mock("next/headers", () => ({ cookies: () => Promise.resolve({ get: () => undefined }) }));
vi.mock("next/navigation", () => ({
  redirect: vi.fn(),
  notFound: () => {
    throw new Error("NEXT_NOT_FOUND");
  },
}));
vi.mock("react", async (original) => ({ ...(await original<object>()), cache: <T>(fn: T) => fn }));
vi.mock("@/lib/db/client", async (original) => ({ ...(await original<object>()), getDb: () => Promise.resolve(request.db) }));
vi.mock("@/lib/env", async (original) => ({ ...(await original<object>()), getEnv: () => ({ mode: request.mode }) }));

const { requireOperator, requireOperatorPage } = await import("./guard");

describe.each(testDatabases())("operators on $name", (factory) => {
  let t: TestDatabase;
  let db: Database;
  async function person(email: string) {
    const [u] = await db.insert(users).values({ email, name: email.split("@")[0]! }).returning();
    return { userId: u!.id, sessionId: await createSession(db, u!.id) };
  }
  beforeAll(async () => {
    t = await factory.create();
    db = t.handle.db;
    request.db = db;
  }, 300_000);
  afterAll(async () => t?.dispose());
  beforeEach(async () => {
    await db.delete(operators);
    request.mode = "production";
  });

  it("refuses signed-out people and non-operators with a 404, page and route alike; lets an operator in", async () => {
    request.ids = null;
    await expect(requireOperator()).rejects.toMatchObject({ code: "not_found", status: 404 });
    await expect(requireOperatorPage()).rejects.toThrow("NEXT_NOT_FOUND");
    const someone = await person("someone@a.se");
    request.ids = someone;
    await expect(requireOperator()).rejects.toMatchObject({ status: 404 });
    await expect(requireOperatorPage()).rejects.toThrow("NEXT_NOT_FOUND");
    expect((await runOpsCommand(db, ["grant", someone.userId])).code).toBe(0);
    await expect(requireOperator()).resolves.toMatchObject({ user: { id: someone.userId } });
    expect((await runOpsCommand(db, ["revoke", someone.userId])).code).toBe(0);
    await expect(requireOperator()).rejects.toMatchObject({ status: 404 });
  });

  it("nobody becomes operator by finding /ops; at sign-in, only in demo mode and only the first person", async () => {
    const first = await person("first@a.se");
    const second = await person("second@a.se");
    // The guard never grants, not even in demo mode with nobody an operator yet.
    request.mode = "demo";
    request.ids = second;
    await expect(requireOperator()).rejects.toMatchObject({ status: 404 });
    expect(await db.select().from(operators)).toHaveLength(0);
    // Outside demo mode a sign-in grants nothing.
    expect(await grantAtSignIn(db, "production", first.userId)).toBe(false);
    expect(await db.select().from(operators)).toHaveLength(0);
    // In demo mode two first sign-ins at once: exactly one becomes operator, and later ones never.
    const [a, b] = await Promise.all([grantAtSignIn(db, "demo", first.userId), grantAtSignIn(db, "demo", second.userId)]);
    expect([a, b].filter(Boolean)).toHaveLength(1);
    const winner = a ? first : second;
    const loser = a ? second : first;
    expect(await grantAtSignIn(db, "demo", loser.userId)).toBe(false);
    expect(await db.select().from(operators)).toMatchObject([{ userId: winner.userId, grantedBy: "demo-first-user" }]);
    request.ids = winner;
    await expect(requireOperator()).resolves.toMatchObject({ user: { id: winner.userId } });
    request.ids = loser;
    await expect(requireOperator()).rejects.toMatchObject({ status: 404 });
  });

  it("npm run ops: grant by e-mail, refuse an ambiguous e-mail with the candidates, list, revoke, usage", async () => {
    const solo = await person("Solo@Bryggan.se");
    const twinA = await person("twin@bryggan.se");
    const twinB = await person("TWIN@bryggan.se");
    expect(await runOpsCommand(db, ["grant", "solo@bryggan.se"])).toMatchObject({ code: 0, lines: [expect.stringContaining("is now an operator")] });
    expect(await runOpsCommand(db, ["grant", solo.userId])).toMatchObject({ code: 0, lines: [expect.stringContaining("already")] });
    const ambiguous = await runOpsCommand(db, ["grant", "twin@bryggan.se"]);
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.lines.join("\n")).toContain(twinA.userId);
    expect(ambiguous.lines.join("\n")).toContain(twinB.userId);
    // LIKE wildcards in the argument match only themselves.
    expect(await runOpsCommand(db, ["grant", "%@bryggan.se"])).toMatchObject({ code: 1, lines: [expect.stringContaining("No user matches")] });
    expect(await runOpsCommand(db, ["grant", "nobody"])).toMatchObject({ code: 1 });
    const list = await runOpsCommand(db, ["list"]);
    expect(list.lines).toHaveLength(1);
    expect(list.lines[0]).toContain(solo.userId);
    expect(await runOpsCommand(db, ["revoke", "solo@bryggan.se"])).toMatchObject({ code: 0, lines: [expect.stringContaining("no longer")] });
    expect(await db.select().from(operators)).toHaveLength(0);
    expect(await runOpsCommand(db, ["frobnicate"])).toMatchObject({ code: 2 });
    expect(await runOpsCommand(db, ["grant"])).toMatchObject({ code: 2 });
  });
});
