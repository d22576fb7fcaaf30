import type { DbMetrics } from "@/lib/db/queries/ops";

import type { QueueCounts } from "./jobs";
import type { Metric } from "./metrics-format";

/** The metric families /api/metrics serves, from shared tables and pg-boss (no per-tenant labels). */
export function buildMetrics(m: DbMetrics, queues: QueueCounts[]): Metric[] {
  const auditCount = (type: string) => m.audit.find((a) => a.type === type)?.count ?? 0;
  return [
    { name: "brygga_fortnox_requests_total", help: "Fortnox API requests made by sync runs.", type: "counter", samples: [{ value: m.requests }] },
    { name: "brygga_fortnox_rate_limited_total", help: "Fortnox answers 429 seen by sync runs.", type: "counter", samples: [{ value: m.rateLimited }] },
    { name: "brygga_fortnox_window_requests", help: "Requests inside Fortnox's current rate-limit window, all tenants together.", type: "gauge", samples: [{ value: m.slotsInWindow }] },
    { name: "brygga_token_refresh_failures_total", help: "Token refreshes Fortnox refused (the company must reconnect).", type: "counter", samples: [{ value: auditCount("connection.refresh_failed") }] },
    { name: "brygga_token_keepalive_total", help: "Keep-alive token refreshes of idle connections.", type: "counter", samples: [{ value: auditCount("connection.keepalive") }] },
    { name: "brygga_consent_revoked_total", help: "Service-account consents revoked in Fortnox (webhook, confirmed).", type: "counter", samples: [{ value: auditCount("consent.revoked") }] },
    { name: "brygga_connections", help: "Connections by status.", type: "gauge", samples: m.connections.map((c) => ({ labels: { status: c.status }, value: c.count })) },
    { name: "brygga_sync_runs_total", help: "Sync runs by kind and outcome.", type: "counter", samples: m.runs.map((r) => ({ labels: { kind: r.kind, status: r.status }, value: r.count })) },
    { name: "brygga_sync_run_duration_seconds_sum", help: "Total duration of finished sync runs by kind and outcome.", type: "counter", samples: m.runs.map((r) => ({ labels: { kind: r.kind, status: r.status }, value: r.durationSeconds })) },
    ...(["queued", "active", "failed"] as const).map(
      (state): Metric => ({ name: `brygga_queue_${state}_jobs`, help: `Jobs ${state} per pg-boss queue.`, type: "gauge", samples: queues.map((q) => ({ labels: { queue: q.name }, value: q[state] })) }),
    ),
  ];
}
