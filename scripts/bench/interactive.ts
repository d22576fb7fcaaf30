/**
 * A person during a full sync: every two windows someone "signs in" (the identity calls: two in
 * parallel, then three in a row, as lib/fortnox/identity.ts makes them) through the same shared
 * limiter as interactive work, against the tenant the sync is filling. Records each request's
 * wait for the limiter and any 429 it met.
 */
import type { Database } from "@/lib/db/client";
import { createFortnoxClient } from "@/lib/fortnox/client";
import { createRateLimiter, type RateLimitConfig } from "@/lib/fortnox/rate-limiter";
import type { TokenManager } from "@/lib/fortnox/token-manager";

export interface InteractiveLoad {
  stop(): Promise<{ waits: number[]; signIns: number[]; requests: number; rateLimited: number; busy: number }>;
}

export function interactiveLoad(db: Database, apiUrl: string, clientId: string, tokens: Pick<TokenManager, "getAccessToken" | "refreshNow">, window: RateLimitConfig, connectionId: string, tenantId: number): InteractiveLoad {
  const client = createFortnoxClient({ apiUrl, clientId, tokens, limiter: createRateLimiter(db, window) });
  const waits: number[] = [];
  const totals = { requests: 0, rateLimited: 0 };
  const signIns: number[] = [];
  let busy = 0;
  const errors = new Map<string, number>();
  let running = true;
  const one = async (path: string, query?: Record<string, number>) => {
    // A client view of its own per call: its counters hold this call's wait only, not its siblings'.
    const api = client.forConnection({ connectionId, tenantId, priority: "interactive" });
    try {
      await api.get(path, (x) => x, query);
    } catch (e) {
      busy++;
      const name = e instanceof Error ? e.message : String(e);
      errors.set(name, (errors.get(name) ?? 0) + 1);
    }
    waits.push(api.counters.limiterWaitMs);
    totals.requests += api.counters.requests;
    totals.rateLimited += api.counters.rateLimited429s;
  };
  const loop = (async () => {
    while (running) {
      await new Promise((r) => setTimeout(r, 2 * window.windowMs));
      if (!running) break;
      // A sign-in's identity calls, all at once as lib/fortnox/identity.ts makes them.
      const started = performance.now();
      await Promise.all([one("/3/companyinformation"), one("/3/me"), ...["/3/customers", "/3/articles", "/3/invoices"].map((p) => one(p, { limit: 1 }))]);
      signIns.push(performance.now() - started);
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      if (errors.size > 0) console.warn("interactive failures:", Object.fromEntries(errors));
      return { waits, signIns, requests: totals.requests, rateLimited: totals.rateLimited, busy };
    },
  };
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
