"use server";

import { eq } from "drizzle-orm";
import { revalidatePath } from "next/cache";
import { notFound, redirect } from "next/navigation";

import { getDb } from "@/lib/db/client";
import { connections, tenants } from "@/lib/db/schema";
import { getEnv } from "@/lib/env";
import { getBoss } from "@/lib/jobs/boss";
import { requestSync } from "@/lib/sync/request";

import { demoErrorKey, field, parseField, scenarioField, speedField, tenantIdField } from "./input";
import { createDatabase, resetDatabase, setSandboxSpeed } from "./sandbox";
import { forgetDemoSpeed } from "./speed";

/**
 * The /demo page's buttons. Demo mode only: outside it every action is a 404. Anyone who can reach
 * the demo deployment may use them (it runs on the salesperson's machine), but every field is still
 * validated. Signing in to a test company is not here: see app/demo/start/route.ts.
 */

/** Run `body`, then send the browser where it says, or back to `back` with the error's message key. */
async function attempt(back: string, body: () => Promise<string>): Promise<never> {
  if (!getEnv().demo) notFound();
  let target: string;
  try {
    target = await body();
  } catch (e) {
    target = `${back}?error=${encodeURIComponent(demoErrorKey(e))}`;
  }
  redirect(target);
}

export async function createDemoDatabaseAction(formData: FormData): Promise<void> {
  await attempt("/demo", async () => {
    const db = await createDatabase(parseField(scenarioField, field(formData, "scenario")));
    revalidatePath("/demo");
    return `/demo?done=demo.done.created&tenant=${db.tenantId}`;
  });
}

/** Re-seed a test database in the sandbox and, if Brygga is connected to it, sync it in full. */
export async function resetDemoDatabaseAction(formData: FormData): Promise<void> {
  await attempt("/demo", async () => {
    const id = parseField(tenantIdField, field(formData, "tenantId"));
    await resetDatabase(id);
    const db = await getDb();
    const [connection] = await db
      .select({ id: connections.id, status: connections.status })
      .from(connections)
      .innerJoin(tenants, eq(tenants.id, connections.tenantId))
      .where(eq(tenants.fortnoxTenantId, id));
    const resync = connection !== undefined && connection.status !== "disconnected";
    if (resync) await requestSync(db, getBoss(), connection.id, "full", "manual");
    revalidatePath("/demo");
    return `/demo?done=${resync ? "demo.done.resetSynced" : "demo.done.reset"}&tenant=${id}`;
  });
}

/** The demo-speed switch: the sandbox's window, and Brygga's limiter with it (lib/demo/speed.ts). */
export async function setDemoSpeedAction(formData: FormData): Promise<void> {
  await attempt("/demo", async () => {
    const factor = parseField(speedField, field(formData, "speed"));
    await setSandboxSpeed(factor);
    forgetDemoSpeed(factor);
    revalidatePath("/demo");
    return "/demo?done=demo.done.speed";
  });
}
