"use server";

import { sql } from "drizzle-orm";
import { z } from "zod";

import { getDb } from "@/lib/db/client";
import { queryRows } from "@/lib/db/raw";
import { getEnv } from "@/lib/env";
import { logger } from "@/lib/log";

import { requireOperator } from "../guard";
import { runDoctor } from "./run";
import type { CheckResult } from "./types";

export type DoctorState = { status: "idle" } | { status: "invalid" } | { status: "done"; results: CheckResult[] };

const form = z.object({
  clientId: z.string().trim().min(1).max(200),
  clientSecret: z.string().max(500),
  redirectUri: z.string().trim().max(2000).url(),
  scopes: z.string().trim().regex(/^[a-z]+( +[a-z]+)*$/).max(500),
  serviceAccounts: z.boolean(),
});

/**
 * Runs the doctor for the app the form names (the deployment's own by default). Fortnox's address
 * always comes from configuration, never from the form, so the check cannot be aimed elsewhere.
 * An empty secret means the configured one, and only for the configured client id.
 */
export async function runDoctorAction(_prev: DoctorState, formData: FormData): Promise<DoctorState> {
  await requireOperator();
  const parsed = form.safeParse({
    clientId: formData.get("clientId") ?? "",
    clientSecret: formData.get("clientSecret") ?? "",
    redirectUri: formData.get("redirectUri") ?? "",
    scopes: formData.get("scopes") ?? "",
    serviceAccounts: formData.get("serviceAccounts") === "on",
  });
  if (!parsed.success) return { status: "invalid" };
  const env = getEnv();
  const v = parsed.data;
  const secret = v.clientSecret || (v.clientId === env.fortnox.clientId ? env.fortnox.clientSecret : "");
  const db = await getDb();
  const inUse = await queryRows<{ key_id: string }>(db, sql`select distinct key_id from connections where key_id is not null union select distinct key_id from identities where key_id is not null`);
  const results = await runDoctor(
    {
      target: { authUrl: env.fortnox.authUrl, clientId: v.clientId, clientSecret: secret, redirectUri: v.redirectUri, scopes: [...new Set(v.scopes.split(/ +/))], serviceAccounts: v.serviceAccounts },
      portalUrl: env.authUrl,
      keys: { configured: env.ops.tokenKeyConfigured, mode: env.mode, activeId: env.tokenKeys.activeId, knownIds: [...env.tokenKeys.keys.keys()], idsInUse: inUse.map((r) => r.key_id) },
      webhook: { url: env.ops.webhookUrl, secretConfigured: env.ops.webhookSecret !== null },
    },
    { fetch, timeoutMs: 5000 },
  );
  logger.info("app-configuration doctor ran", { failed: results.filter((r) => !r.ok).map((r) => r.id) });
  return { status: "done", results };
}
