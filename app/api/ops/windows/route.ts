import { respond } from "@/lib/api/respond";
import { getDb } from "@/lib/db/client";
import { liveRateWindows } from "@/lib/db/queries/ops";
import { getEnv } from "@/lib/env";
import { requireOperator } from "@/lib/ops/guard";

export const dynamic = "force-dynamic";

/** The live rate-limit window per Fortnox tenant, polled by /ops every 2 s. Operators only (404 otherwise). */
export async function GET(): Promise<Response> {
  return respond(async () => {
    await requireOperator();
    const { fortnox } = getEnv();
    const windows = await liveRateWindows(await getDb(), fortnox.clientId, fortnox.rateLimit.windowMs);
    return Response.json({ data: { limit: fortnox.rateLimit.requests, windowMs: fortnox.rateLimit.windowMs, windows } }, { headers: { "cache-control": "private, no-store" } });
  });
}
