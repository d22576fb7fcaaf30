import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Database } from "@/lib/db/client";
import { auditEvents, connections } from "@/lib/db/schema";
import { createConnection } from "@/lib/testing/browse-records";
import { testDatabases, type TestDatabase } from "@/lib/testing/databases";

import { getConnectionHealth } from "./connections";

/** The connection card's scope diff: only a re-connection that changed the scopes shows one. */
describe.each(testDatabases())("connection health on $name", (factory) => {
  let t: TestDatabase;
  let db: Database;
  let id: string;
  let tenantId: string;
  let at = Date.parse("2026-03-15T10:00:00Z");

  const event = async (type: string, added: string[], removed: string[] = []) => {
    at += 60_000;
    await db.insert(auditEvents).values({ tenantId, connectionId: id, type, detail: { scopes: added, scopesAdded: added, scopesRemoved: removed }, createdAt: new Date(at) });
  };

  beforeAll(async () => {
    t = await factory.create();
    db = t.handle.db;
    id = await createConnection(db, 9201, "A AB");
    tenantId = (await db.select({ tenantId: connections.tenantId }).from(connections).where(eq(connections.id, id)))[0]!.tenantId;
  });
  afterAll(async () => t?.dispose());

  it("a first connection lists every scope as added, and that is not a change", async () => {
    await event("connection.connected", ["invoice", "customer", "article"]);
    expect((await getConnectionHealth(db, id))!.lastScopeChange).toBeNull();
  });

  it("a re-connection that changed scopes shows what was added and removed", async () => {
    await event("connection.reconnected", ["companyinformation"], ["article"]);
    expect((await getConnectionHealth(db, id))!.lastScopeChange).toEqual({ added: ["companyinformation"], removed: ["article"] });
  });

  it("a later re-connection with the same scopes clears it", async () => {
    await event("connection.reconnected", []);
    expect((await getConnectionHealth(db, id))!.lastScopeChange).toBeNull();
  });
});
