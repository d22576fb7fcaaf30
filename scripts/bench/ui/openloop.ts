// ---------------------------------------------------------------------------------------------
// Open-loop load: requests leave at a fixed rate whether or not earlier ones have answered, as
// independent people do. Latency counts from the moment a request was due, so a generator that
// falls behind does not hide queueing (no coordinated omission).

import http from "node:http";
import { performance } from "node:perf_hooks";

import { REQUEST_TIMEOUT_MS } from "./config";
import { cpuMs } from "./proc";
import { viewUrl, type Navigation } from "./views";

export interface LoadTarget {
  label: string;
  origin: string;
  nav: Navigation;
  cookie: string;
  /** Query strings cycled through, e.g. the list scenarios. */
  queries: string[];
}

export interface OpenLoopResult {
  label: string;
  /** Latency of views (RSC) and of full page loads, ms. */
  views: number[];
  pages: number[];
  errors: string[];
  /** Server CPU ms per view (pages included in the cost, as a browser makes them). */
  cpuPerViewMs: number;
  /** What cpuPerViewMs divides: CPU ms over the measured part, and the views it served. */
  cpuMs: number;
  measuredViews: number;
  rate: number;
}

/** Rounds of one target as one result: latencies pooled, CPU summed before dividing. */
export function mergeRuns(runs: OpenLoopResult[]): OpenLoopResult {
  const cpu = runs.reduce((sum, r) => sum + r.cpuMs, 0);
  const views = runs.reduce((sum, r) => sum + r.measuredViews, 0);
  return {
    label: runs[0]!.label,
    views: runs.flatMap((r) => r.views),
    pages: runs.flatMap((r) => r.pages),
    errors: runs.flatMap((r) => r.errors).slice(0, 10),
    cpuPerViewMs: cpu / Math.max(1, views),
    cpuMs: cpu,
    measuredViews: views,
    rate: runs[0]!.rate,
  };
}

function get(agent: http.Agent, url: string, headers: Record<string, string>): Promise<{ status: number; error?: string }> {
  return new Promise((resolve) => {
    const req = http.get(url, { agent, headers: { ...headers, "accept-encoding": "gzip" } }, (res) => {
      res.on("data", () => undefined);
      res.on("end", () => resolve({ status: res.statusCode ?? 0 }));
      res.on("error", (e) => resolve({ status: 0, error: e.message }));
    });
    req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)));
    req.on("error", (e) => resolve({ status: 0, error: e.message }));
  });
}

function headersFor(target: LoadTarget, kind: "view" | "page"): Record<string, string> {
  const base: Record<string, string> = kind === "view" ? { ...target.nav.headers } : { accept: "text/html,application/xhtml+xml" };
  if (target.cookie) base.cookie = target.cookie;
  return base;
}

const sleepUntil = (t: number) => new Promise((r) => setTimeout(r, Math.max(0, t - performance.now())));

/**
 * `rate` requests per second for `warmupS + durationS`; every tenth request is a full page load.
 * CPU is read from `pids` (the portal's process tree) over the measured part only.
 */
export async function openLoop(agent: http.Agent, target: LoadTarget, shape: { rate: number; warmupS: number; durationS: number; pids: number[] }): Promise<OpenLoopResult> {
  const result: OpenLoopResult = { label: target.label, views: [], pages: [], errors: [], cpuPerViewMs: NaN, cpuMs: 0, measuredViews: 0, rate: shape.rate };
  const interval = 1000 / shape.rate;
  const total = Math.round((shape.warmupS + shape.durationS) * shape.rate);
  const warm = Math.round(shape.warmupS * shape.rate);
  const t0 = performance.now() + 50;
  const inflight: Promise<void>[] = [];
  let cpuStart = 0;
  let measuredViews = 0;
  for (let i = 0; i < total; i++) {
    const due = t0 + i * interval;
    await sleepUntil(due);
    if (i === warm) cpuStart = cpuMs(shape.pids);
    const kind = i % 11 === 10 ? "page" : "view";
    const query = target.queries[i % target.queries.length]!;
    const headers = headersFor(target, kind);
    const measured = i >= warm;
    if (measured && kind === "view") measuredViews++;
    inflight.push(
      get(agent, viewUrl(target.origin, target.nav, query, kind), headers).then((reply) => {
        const ms = performance.now() - due;
        if (reply.status !== 200 && result.errors.length < 10) result.errors.push(`${target.label} ${kind} ?${query}: ${reply.status} ${reply.error ?? ""}`);
        if (measured) (kind === "view" ? result.views : result.pages).push(ms);
      }),
    );
  }
  await Promise.all(inflight);
  result.cpuMs = cpuMs(shape.pids) - cpuStart;
  result.measuredViews = measuredViews;
  result.cpuPerViewMs = result.cpuMs / Math.max(1, measuredViews);
  return result;
}

/** One client, one request at a time: the unloaded server time of each kind. */
export async function soloP50(agent: http.Agent, target: LoadTarget, count: number, withPages = true): Promise<{ view: number; page: number }> {
  const views: number[] = [];
  const pages: number[] = [];
  for (let i = 0; i < count; i++) {
    const query = target.queries[i % target.queries.length]!;
    for (const kind of ["view", "page"] as const) {
      if (kind === "page" && (!withPages || i % 5 !== 0)) continue;
      const headers = headersFor(target, kind);
      const started = performance.now();
      const reply = await get(agent, viewUrl(target.origin, target.nav, query, kind), headers);
      if (reply.status !== 200) throw new Error(`${target.label} ${kind} ?${query} answered ${reply.status} ${reply.error ?? ""}`);
      (kind === "view" ? views : pages).push(performance.now() - started);
    }
  }
  return { view: percentile(views, 50), page: percentile(pages, 50) };
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
