// ---------------------------------------------------------------------------------------------
// Load generator: node:http with keep-alive, one socket per client, time to the last byte.

import http from "node:http";
import { performance } from "node:perf_hooks";

import type { Stack } from "../../stack";

import { MAX_REQUESTS, REQUEST_TIMEOUT_MS } from "./config";
import { urlFor, type Sample, type Scenario } from "./scenarios";
import type { Session } from "./session";

interface Reply {
  status: number;
  bytes: number;
  body?: string;
  error?: string;
}

export function request(agent: http.Agent, url: string, cookie: string, route: Scenario["route"], keepBody = false): Promise<Reply> {
  return new Promise((resolve) => {
    const headers: Record<string, string> = {
      cookie,
      // What a browser sends: pages get compressed, as they would in production.
      "accept-encoding": keepBody ? "identity" : "gzip",
      accept: route === "api" ? "application/json" : "text/html,application/xhtml+xml",
    };
    const req = http.get(url, { agent, headers }, (res) => {
      let bytes = 0;
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => {
        bytes += c.length;
        if (keepBody) chunks.push(c);
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, bytes, body: keepBody ? Buffer.concat(chunks).toString("utf8") : undefined }));
      res.on("error", (e) => resolve({ status: 0, bytes, error: e.message }));
    });
    req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)));
    req.on("error", (e) => resolve({ status: 0, bytes: 0, error: e.message }));
  });
}

interface LoadResult {
  samples: Map<Scenario, Sample[]>;
  errors: string[];
  windowS: number;
}

interface LoadShape {
  clients: number;
  warmupS: number;
  durationS: number;
}

export async function runLoad(agent: http.Agent, stack: Stack, session: Session, scenarios: Scenario[], shape: LoadShape): Promise<LoadResult> {
  const samples = new Map<Scenario, Sample[]>(scenarios.map((s) => [s, []]));
  const errors: string[] = [];
  const t0 = performance.now();
  const measureFrom = t0 + shape.warmupS * 1000;
  const deadline = measureFrom + shape.durationS * 1000;
  let issued = 0;
  const client = async (index: number) => {
    // Several portal processes (BENCH_INSTANCES): each client keeps to one, as behind a load balancer.
    const portalUrl = stack.portalUrls[index % stack.portalUrls.length]!;
    // Each client walks the whole mix, starting at a different point, so the mix stays even.
    for (let k = index; performance.now() < deadline && issued < MAX_REQUESTS; k++) {
      issued++;
      const scenario = scenarios[k % scenarios.length]!;
      const query = scenario.queries[Math.floor(k / scenarios.length) % scenario.queries.length]!;
      const started = performance.now();
      const reply = await request(agent, urlFor(portalUrl, session.connectionId, scenario.route, query), session.cookie, scenario.route);
      const ms = performance.now() - started;
      const ok = reply.status === 200;
      if (!ok && errors.length < 20) errors.push(`${scenario.route} ${scenario.name} ?${query}: ${reply.status} ${reply.error ?? ""}`);
      if (started >= measureFrom && started < deadline) samples.get(scenario)!.push({ ms, ok });
    }
  };
  await Promise.all(Array.from({ length: shape.clients }, (_, i) => client(i)));
  return { samples, errors, windowS: shape.durationS };
}
