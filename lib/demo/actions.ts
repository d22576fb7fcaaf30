"use server";

import { eq } from "drizzle-orm";
import { revalidatePath } from "next/cache";
import { notFound, redirect } from "next/navigation";
import { z } from "zod";

import { signIn } from "@/lib/auth/config";
import { rememberIntent } from "@/lib/auth/connect-flow";
import { getViewer } from "@/lib/auth/guards";
import { getDb } from "@/lib/db/client";
import { connections, tenants } from "@/lib/db/schema";
import { getEnv } from "@/lib/env";
import { AppError, isAppError } from "@/lib/errors";
import { parseMessageRef } from "@/lib/forms/message-ref";
import { getBoss } from "@/lib/jobs/boss";
import { logger } from "@/lib/log";
import { requestSync } from "@/lib/sync/request";

import { approveConsent } from "./consent";
import { createDatabase, listDatabases, resetDatabase, SCENARIOS, setSandboxSpeed, SPEEDS, type SandboxDatabase } from "./sandbox";
import { forgetDemoSpeed } from "./speed";

/**
 * The demo's buttons (landing page and /demo). Demo mode only: outside it every action is a 404.
 * Anyone who can reach the demo deployment may use them (it runs on the salesperson's machine),
 * but every field is still validated, and sign-in always goes through the real OAuth flow.
 */

const tenantId = z.string().regex(/^[1-9]\d{0,9}$/, "demo.error.invalid").transform(Number).pipe(z.number().max(2_147_483_647, "demo.error.invalid"));
const scenario = z.enum(SCENARIOS, { message: "demo.error.invalid" });
const speed = z.enum(SPEEDS.map(String) as [string, ...string[]], { message: "demo.error.invalid" }).transform(Number);

function field(formData: FormData, name: string): string {
  const v = formData.get(name);
  return typeof v === "string" ? v.trim() : "";
}

function parse<T>(schema: z.ZodType<T>, value: string): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new AppError("invalid_input", "demo.error.invalid");
  return r.data;
}

function errorKey(e: unknown): string {
  if (isAppError(e)) {
    const { key } = parseMessageRef(e.message);
    if (key.startsWith("demo.error.")) return key;
  }
  logger.error("demo action failed", { error: e });
  return "demo.error.unexpected";
}

/** Run `body`, then send the browser where it says, or back to `back` with the error's message key. */
async function attempt(back: string, body: () => Promise<string>): Promise<never> {
  if (!getEnv().demo) notFound();
  let target: string;
  try {
    target = await body();
  } catch (e) {
    target = `${back}?error=${encodeURIComponent(errorKey(e))}`;
  }
  redirect(target);
}

/**
 * Sign the browser in to `db` through the real flow: Auth.js builds the authorisation request and
 * sets its state cookie on this response; the consent is approved here (lib/demo/consent.ts); the
 * browser is sent to the callback with the code and state, where Auth.js checks both as always.
 */
async function signInTo(db: SandboxDatabase, linkUserId?: string): Promise<string> {
  const { authUrl, fortnox } = getEnv();
  await rememberIntent({ service: false, linkUserId });
  const authorize = String(await signIn("fortnox", { redirect: false, redirectTo: "/dashboard" }));
  if (new URL(authorize).origin !== new URL(fortnox.authUrl).origin) throw new AppError("internal", "demo.error.consent");
  const callback = await approveConsent(authorize, db);
  // Only ever forward the browser to our own callback (never to wherever a page said).
  if (callback.origin !== new URL(authUrl).origin || callback.pathname !== "/api/auth/callback/fortnox") throw new AppError("internal", "demo.error.consent");
  return callback.toString();
}

/** "Starta demo": a fresh small company, signed in, first sync under way. */
export async function startDemoAction(formData: FormData): Promise<void> {
  await attempt("/", async () => {
    const wanted = field(formData, "scenario");
    const db = await createDatabase(wanted ? parse(scenario, wanted) : "small");
    return signInTo(db);
  });
}

export async function createDemoDatabaseAction(formData: FormData): Promise<void> {
  await attempt("/demo", async () => {
    const db = await createDatabase(parse(scenario, field(formData, "scenario")));
    revalidatePath("/demo");
    return `/demo?done=demo.done.created&tenant=${db.tenantId}`;
  });
}

/** Connect an existing test database (as another company of the signed-in user, if any). */
export async function connectDemoDatabaseAction(formData: FormData): Promise<void> {
  await attempt("/demo", async () => {
    const id = parse(tenantId, field(formData, "tenantId"));
    const db = (await listDatabases()).find((d) => d.tenantId === id);
    if (!db) throw new AppError("not_found", "demo.error.notFound");
    return signInTo(db, (await getViewer())?.user.id);
  });
}

/** Re-seed a test database in the sandbox and, if Brygga is connected to it, sync it in full. */
export async function resetDemoDatabaseAction(formData: FormData): Promise<void> {
  await attempt("/demo", async () => {
    const id = parse(tenantId, field(formData, "tenantId"));
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
    const factor = parse(speed, field(formData, "speed"));
    await setSandboxSpeed(factor as (typeof SPEEDS)[number]);
    forgetDemoSpeed(factor);
    revalidatePath("/demo");
    return "/demo?done=demo.done.speed";
  });
}
