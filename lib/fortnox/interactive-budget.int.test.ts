import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { runSync } from "@/lib/sync/engine";
import { RESOURCE_NAMES } from "@/lib/sync/resources/types";
import { queueRun } from "@/lib/sync/runs";
import { connectTestCompany, registerTestApp, testKeyRing } from "@/lib/testing/connect";
import { testDatabases, type TestDatabase } from "@/lib/testing/databases";
import { startSandbox, type SandboxApp, type SandboxProcess } from "@/lib/testing/sandbox";
import { engineDeps, requestLog } from "@/lib/testing/sync";

import { createFortnoxClient } from "./client";
import { createRateLimiter, FORTNOX_RATE_LIMIT } from "./rate-limiter";
import { createTokenManager } from "./token-manager";
import { customersResource } from "./wire";

/**
 * People before background work, at Fortnox's real window (25 per 5 s): while a company's first
 * full sync spends the budget, a second person signs in (the identity calls) and writes back, and
 * neither meets a 429 nor waits long.
 */
describe.each(testDatabases())("a person during a full sync on $name", (factory) => {
  let sb: SandboxProcess;
  let app: SandboxApp;
  let t: TestDatabase;
  beforeAll(async () => {
    [sb, t] = await Promise.all([startSandbox(), factory.create()]);
    app = await registerTestApp(sb);
  });
  afterAll(async () => {
    await Promise.all([sb?.stop(), t?.dispose()]);
  });

  it("signs in with ≤ 2 s of added wait and writes back, with no 429 anywhere", async () => {
    const db = t.handle.db;
    const limiter = () => createRateLimiter(db, FORTNOX_RATE_LIMIT);
    const timedConnect = async (tenantId: number) => {
      const started = performance.now();
      const c = await connectTestCompany(sb, app, db, testKeyRing(), tenantId, { limiter: limiter() });
      return { c, ms: performance.now() - started };
    };
    // The same sign-in on an idle company: what it costs without anyone else on the budget.
    const idle = (await sb.control<{ tenantId: number }>("POST", "/databases", { seed: "tiny" })).tenantId;
    await timedConnect(idle);
    const baseline = (await timedConnect(idle)).ms;

    const tenantId = (await sb.control<{ tenantId: number }>("POST", "/databases", { seed: "small" })).tenantId;
    const first = await timedConnect(tenantId);
    await sb.control("DELETE", "/requests");
    const deps = engineDeps(db, sb.url, app, () => tenantId, FORTNOX_RATE_LIMIT);
    await queueRun(db, first.c.connectionId, "full", "manual", [...RESOURCE_NAMES]);
    const stop = new AbortController();
    const sync = runSync(deps, first.c.connectionId, stop.signal).catch(() => null);
    try {
      // Let the sync fill the window: two windows of its paced grants.
      await new Promise((r) => setTimeout(r, 2 * FORTNOX_RATE_LIMIT.windowMs));
      const second = await timedConnect(tenantId);
      const tokens = createTokenManager({ db, keyRing: testKeyRing(), oauth: { tokenUrl: `${sb.url}/oauth-v1/token`, revokeUrl: `${sb.url}/oauth-v1/revoke`, clientId: app.clientId, clientSecret: app.clientSecret } });
      const api = createFortnoxClient({ apiUrl: sb.url, clientId: app.clientId, tokens, limiter: limiter() }).forConnection({ connectionId: second.c.connectionId, tenantId, priority: "interactive" });
      const wrote = performance.now();
      const created = await api.post("/3/customers", { Customer: { Name: "Skriven under synken AB" } }, customersResource.one);
      const writeMs = performance.now() - wrote;
      const log = await requestLog(sb);
      console.info(`[interactive ${factory.name}] sign-in ${second.ms.toFixed(0)} ms (idle ${baseline.toFixed(0)} ms), write-back ${writeMs.toFixed(0)} ms, sync requests meanwhile ${log.length}`);
      expect(created.name).toBe("Skriven under synken AB");
      expect(api.counters.rateLimited429s).toBe(0);
      expect(second.ms - baseline).toBeLessThanOrEqual(2000);
      expect(writeMs).toBeLessThan(2000);
      // The sync really was spending the budget (more than a window's worth went out), and Fortnox refused nothing.
      expect(log.length).toBeGreaterThan(FORTNOX_RATE_LIMIT.requests);
      expect(log.filter((r) => r.status === 429)).toEqual([]);
    } finally {
      stop.abort(new Error("test over"));
      await sync;
    }
  });
});
