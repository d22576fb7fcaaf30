import { describe, expect, it } from "vitest";

import { buildMetrics } from "./metrics";
import { formatMetrics } from "./metrics-format";

describe("metrics", () => {
  it("formats Prometheus text with HELP/TYPE, escaped label values and special floats", () => {
    const text = formatMetrics([
      { name: "a_total", help: "A \\ thing\nmore", type: "counter", samples: [{ value: 3 }] },
      { name: "b", help: "B", type: "gauge", samples: [{ labels: { queue: 'x"y\\z\n' }, value: Infinity }, { labels: { queue: "n" }, value: NaN }] },
    ]);
    expect(text).toBe(['# HELP a_total A \\\\ thing\\nmore', "# TYPE a_total counter", "a_total 3", "# HELP b B", "# TYPE b gauge", 'b{queue="x\\"y\\\\z\\n"} +Inf', 'b{queue="n"} NaN', ""].join("\n"));
    expect(() => formatMetrics([{ name: "bad-name", help: "", type: "gauge", samples: [] }])).toThrow();
  });

  it("builds the families from shared totals without any tenant label", () => {
    const metrics = buildMetrics(
      {
        requests: 120,
        rateLimited: 2,
        runs: [{ kind: "full", status: "succeeded", count: 3, durationSeconds: 12.5 }],
        connections: [{ status: "active", count: 2 }],
        audit: [{ type: "connection.refresh_failed", count: 1 }],
        slotsInWindow: 7,
      },
      [{ name: "sync/work", policy: "short", queued: 1, deferred: 0, active: 2, failed: 4, total: 9 }],
    );
    const text = formatMetrics(metrics);
    expect(text).toContain("brygga_fortnox_requests_total 120");
    expect(text).toContain("brygga_fortnox_rate_limited_total 2");
    expect(text).toContain('brygga_sync_runs_total{kind="full",status="succeeded"} 3');
    expect(text).toContain('brygga_sync_run_duration_seconds_sum{kind="full",status="succeeded"} 12.5');
    expect(text).toContain('brygga_queue_failed_jobs{queue="sync/work"} 4');
    expect(text).toContain("brygga_token_refresh_failures_total 1");
    const labelNames = new Set(metrics.flatMap((m) => m.samples.flatMap((s) => Object.keys(s.labels ?? {}))));
    expect([...labelNames].sort()).toEqual(["kind", "queue", "status"]);
  });
});
