import { getDb } from "@/lib/db/client";
import { readDbMetrics } from "@/lib/db/queries/ops";
import { getEnv } from "@/lib/env";
import { getBoss } from "@/lib/jobs/boss";
import { logger } from "@/lib/log";
import { listQueues } from "@/lib/ops/jobs";
import { buildMetrics } from "@/lib/ops/metrics";
import { formatMetrics } from "@/lib/ops/metrics-format";
import { secretMatches } from "@/lib/ops/secret";

export const dynamic = "force-dynamic";

/** Prometheus scrape target behind METRICS_TOKEN (unset: 404, as if the route did not exist). */
export async function GET(request: Request): Promise<Response> {
  const { ops, fortnox } = getEnv();
  if (!ops.metricsToken) return new Response(null, { status: 404 });
  const auth = request.headers.get("authorization") ?? "";
  if (!auth.startsWith("Bearer ") || !secretMatches(auth.slice(7), ops.metricsToken)) {
    return new Response("unauthorized\n", { status: 401, headers: { "www-authenticate": 'Bearer realm="metrics"' } });
  }
  try {
    const [db, queues] = await Promise.all([getDb().then((d) => readDbMetrics(d, fortnox.rateLimit.windowMs)), listQueues(getBoss())]);
    return new Response(formatMetrics(buildMetrics(db, queues)), { headers: { "content-type": "text/plain; version=0.0.4; charset=utf-8", "cache-control": "no-store" } });
  } catch (error) {
    logger.error("metrics failed", { error });
    return new Response("metrics unavailable\n", { status: 503 });
  }
}
