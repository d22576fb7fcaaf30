import type { FortnoxCounters } from "@/lib/fortnox/client";

import type { PhaseStats, ResourceCounts, RunPhase } from "./runs";

/**
 * What each phase of one resource costs in Fortnox requests, 429s and retries, and how long it took.
 * Each resource has an API client of its own (the engine asks for one per resource), whose counters
 * only its phases move, one phase at a time, so the counters' growth over a phase is exactly that
 * phase's cost. Figures are written into the resource's counts, on top of what a previous worker had
 * recorded for the same phase before the run was resumed.
 */
export interface PhaseMeter {
  begin(phase: RunPhase): void;
  /** Bring the open phase's and the resource's figures up to date (before every progress write). */
  sync(): void;
  end(): void;
}

type Cost = Pick<FortnoxCounters, "requests" | "rateLimited429s" | "retries">;

export function phaseMeter(counts: ResourceCounts, counters: Readonly<Cost>, now: () => Date = () => new Date()): PhaseMeter {
  let open: { stats: PhaseStats; base: PhaseStats; at: Cost } | null = null;
  const sync = () => {
    if (open) {
      const { stats, base, at } = open;
      stats.requests = base.requests + counters.requests - at.requests;
      stats.rateLimited = base.rateLimited + counters.rateLimited429s - at.rateLimited429s;
      stats.retries = base.retries + counters.retries - at.retries;
    }
    const phases = Object.values(counts.phases ?? {});
    counts.requests = phases.reduce((n, p) => n + p.requests, 0);
    counts.rateLimited = phases.reduce((n, p) => n + p.rateLimited, 0);
    counts.retries = phases.reduce((n, p) => n + p.retries, 0);
  };
  return {
    begin(phase) {
      const phases = (counts.phases ??= {});
      const stats = (phases[phase] ??= { startedAt: now().toISOString(), requests: 0, rateLimited: 0, retries: 0 });
      delete stats.finishedAt;
      open = { stats, base: { ...stats }, at: { requests: counters.requests, rateLimited429s: counters.rateLimited429s, retries: counters.retries } };
    },
    sync,
    end() {
      sync();
      if (open) open.stats.finishedAt = now().toISOString();
      open = null;
    },
  };
}
