import "server-only";

import { z } from "zod";

import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { msg } from "@/lib/forms/message-ref";
import { logger } from "@/lib/log";

/**
 * The Fortnox sandbox's control API (its developer portal's JSON endpoints), as the demo uses it.
 * The portal talks to the sandbox over HTTP like any client and imports none of its code. Demo
 * mode only: outside it there is no sandbox to talk to, and every call is refused as not found.
 */

export const SCENARIOS = ["small", "huge", "overdue", "foreign"] as const;
export type Scenario = (typeof SCENARIOS)[number];

/** Fortnox's real pace (1) and the presentation speeds the sandbox offers. */
export const SPEEDS = [1, 2, 5, 10] as const;
export type Speed = (typeof SPEEDS)[number];

const TIMEOUT_MS = 30_000;

const user = z.object({ id: z.string(), name: z.string(), sysAdmin: z.boolean().optional() });
const database = z.object({
  tenantId: z.number().int().positive(),
  companyName: z.string(),
  organizationNumber: z.string().optional(),
  users: z.array(user).default([]),
  seed: z.unknown().optional(),
  counts: z.record(z.string(), z.number()).optional(),
});
export type SandboxDatabase = z.infer<typeof database>;

/** The sandbox's origin in demo mode; anything else has no demo. */
export function demoSandboxUrl(): string {
  const demo = getEnv().demo;
  if (!demo) throw new AppError("not_found", "Demo mode is off.");
  return demo.sandboxUrl;
}

async function call(method: string, path: string, body?: unknown): Promise<unknown> {
  const url = `${demoSandboxUrl()}/developer/api${path}`;
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: { accept: "application/json", ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
      cache: "no-store",
    });
  } catch (error) {
    logger.warn("demo: the sandbox did not answer", { method, path, error });
    throw new AppError("fortnox_unavailable", msg("demo.error.unreachable"), undefined, { cause: error });
  }
  const text = await res.text();
  if (res.status === 404) throw new AppError("not_found", msg("demo.error.notFound"));
  if (!res.ok) {
    // The sandbox's own words go to the log only; the person sees a translated sentence.
    logger.warn("demo: the sandbox refused a control call", { method, path, status: res.status, body: text.slice(0, 300) });
    throw new AppError(res.status === 409 || res.status === 400 ? "conflict" : "fortnox_unavailable", msg(res.status === 409 || res.status === 400 ? "demo.error.refused" : "demo.error.unreachable"));
  }
  return text ? (JSON.parse(text) as unknown) : undefined;
}

function expect<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    logger.warn("demo: unexpected answer from the sandbox", { issues: parsed.error.issues.slice(0, 3) });
    throw new AppError("fortnox_unavailable", msg("demo.error.unreachable"));
  }
  return parsed.data;
}

export async function listDatabases(): Promise<SandboxDatabase[]> {
  return expect(z.array(database), await call("GET", "/databases"));
}

export async function createDatabase(scenario: Scenario): Promise<SandboxDatabase> {
  return expect(database, await call("POST", "/databases", { seed: scenario }));
}

export async function resetDatabase(tenantId: number): Promise<void> {
  await call("POST", `/databases/${tenantId}/reset`);
}

// The sandbox also reports the window it enforces now; Brygga derives its own from its configured
// window and the scale instead, so a misconfigured sandbox can never make Brygga budget faster.
const speedAnswer = z.object({ scale: z.number().positive() });

/** The sandbox's current demo speed (1 = Fortnox's real window). */
export async function getSandboxSpeed(): Promise<number> {
  return expect(speedAnswer, await call("GET", "/speed")).scale;
}

export async function setSandboxSpeed(scale: Speed): Promise<void> {
  await call("PUT", "/speed", { scale });
}
