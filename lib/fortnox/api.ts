import "server-only";

import { eq } from "drizzle-orm";

import { getDb } from "@/lib/db/client";
import { createDemoRateLimiter } from "@/lib/demo/speed";
import { connections, tenants } from "@/lib/db/schema";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";

import { createFortnoxClient, type FortnoxApi } from "./client";
import { createRateLimiter, type Priority, type RateLimiter } from "./rate-limiter";
import { getTokenManager } from "./tokens";

type FortnoxClient = ReturnType<typeof createFortnoxClient>;
const holder = globalThis as unknown as { __bryggaFortnox?: Promise<FortnoxClient>; __bryggaLimiter?: Promise<RateLimiter> };

/** The process's rate limiter (its state is in the database, shared with every other process). */
export function getRateLimiter(): Promise<RateLimiter> {
  const { fortnox, demo } = getEnv();
  // In demo mode the window follows the sandbox's demo-speed switch (lib/demo/speed.ts).
  holder.__bryggaLimiter ??= getDb().then((db) => (demo ? createDemoRateLimiter(db, fortnox.rateLimit) : createRateLimiter(db, fortnox.rateLimit)));
  return holder.__bryggaLimiter;
}

/** The process-wide Fortnox client: one rate limiter (shared through the database) and token manager. */
export function getFortnoxClient(): Promise<FortnoxClient> {
  holder.__bryggaFortnox ??= (async () => {
    const env = getEnv();
    return createFortnoxClient({
      apiUrl: env.fortnox.apiUrl,
      clientId: env.fortnox.clientId,
      tokens: await getTokenManager(),
      limiter: await getRateLimiter(),
    });
  })().catch((e: unknown) => {
    holder.__bryggaFortnox = undefined;
    throw e;
  });
  return holder.__bryggaFortnox;
}

/**
 * The Fortnox API for one of our connections. Callers must already have authorised the viewer for
 * `connectionId` (lib/auth/guards); this only resolves the Fortnox tenant the rate limit is keyed on.
 */
export async function getFortnoxApi(connectionId: string, signal?: AbortSignal, priority: Priority = "background"): Promise<FortnoxApi> {
  const db = await getDb();
  const [row] = await db
    .select({ fortnoxTenantId: tenants.fortnoxTenantId })
    .from(connections)
    .innerJoin(tenants, eq(tenants.id, connections.tenantId))
    .where(eq(connections.id, connectionId));
  if (!row) throw new AppError("not_found", "No such company connection.");
  return (await getFortnoxClient()).forConnection({ connectionId, tenantId: row.fortnoxTenantId, signal, priority });
}

/**
 * The same, for a request a person waits for (a write-back, an on-demand fetch): ahead of sync work
 * in the company's budget, and FortnoxBusyError instead of a long wait (lib/fortnox/client.ts).
 */
export function getInteractiveFortnoxApi(connectionId: string, signal?: AbortSignal): Promise<FortnoxApi> {
  return getFortnoxApi(connectionId, signal, "interactive");
}
