// ---------------------------------------------------------------------------------------------
// One measurement: the floor and the invoice list under the same open-loop rate, side by side.

import http from "node:http";

import type { Stack } from "../../stack";

import { DURATION_S, ROUNDS, SOLO_COUNT, WARMUP_S } from "./config";
import { mergeRuns, openLoop, percentile, soloP50, type LoadTarget, type OpenLoopResult } from "./openloop";
import type { Navigation } from "./views";

/** Single-client views per scenario (cycling through its queries). */
const SCENARIO_COUNT = 10;

export interface Pair {
  name: string;
  rate: number;
  floor: OpenLoopResult;
  portal: OpenLoopResult;
  solo?: { floor: { view: number; page: number }; portal: { view: number; page: number } };
  /** Single-client p50 of a view, per list scenario (filters, sorts, searches). */
  scenarios?: { name: string; p50: number }[];
}

export interface Scenario {
  name: string;
  queries: string[];
}

export interface Navs {
  floor: Navigation;
  portal: Navigation;
}

/**
 * The floor and the portal at the same rate, in alternating rounds (floor, portal, portal, floor,
 * …): a shared machine's load drifts over a minute, and one long run of each would hand the drift
 * to whichever ran second. Each round warms up briefly (the first one longer); latencies are pooled
 * and CPU summed over the rounds. CPU is read from the portal's process tree.
 */
export async function measurePair(name: string, stack: Stack, navs: Navs, cookie: string, scenarios: Scenario[], rate: number, withSolo: boolean): Promise<Pair> {
  const queries = scenarios.flatMap((s) => s.queries);
  // Idle sockets are dropped after 4 s, before the server's 5 s keep-alive timeout closes them: a
  // request written to a socket the server is closing fails with ECONNRESET, a load-generator artefact.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256, timeout: 4_000 });
  try {
    const pids = stack.portalPids;
    const floor: LoadTarget = { label: "floor", origin: stack.portalUrl, nav: navs.floor, cookie: "", queries: Array.from({ length: 20 }, (_, i) => `page=${i + 2}`) };
    const portal: LoadTarget = { label: "portal", origin: stack.portalUrl, nav: navs.portal, cookie, queries };
    const solo = withSolo ? { floor: await soloP50(agent, floor, SOLO_COUNT), portal: await soloP50(agent, portal, SOLO_COUNT) } : undefined;
    const runs = { floor: [] as OpenLoopResult[], portal: [] as OpenLoopResult[] };
    for (let round = 0; round < ROUNDS; round++) {
      const shape = { rate, warmupS: round === 0 ? WARMUP_S : 1, durationS: DURATION_S / ROUNDS, pids };
      const order = round % 2 === 0 ? (["floor", "portal"] as const) : (["portal", "floor"] as const);
      for (const which of order) runs[which].push(await openLoop(agent, which === "floor" ? floor : portal, shape));
    }
    const floorRun = mergeRuns(runs.floor);
    const portalRun = mergeRuns(runs.portal);
    // One scenario after another: single-client means one request in flight.
    let perScenario: Pair["scenarios"];
    if (withSolo) {
      perScenario = [];
      for (const sc of scenarios) perScenario.push({ name: sc.name, p50: (await soloP50(agent, { ...portal, queries: sc.queries }, SCENARIO_COUNT, false)).view });
    }
    return { name, rate, floor: floorRun, portal: portalRun, solo, scenarios: perScenario };
  } finally {
    agent.destroy();
  }
}

const f = (v: number, d = 1) => (Number.isFinite(v) ? v.toFixed(d) : "–");

export function describePair(p: Pair): string[] {
  const fp95 = percentile(p.floor.views, 95);
  const pp95 = percentile(p.portal.views, 95);
  const lines = [
    `${p.name} at ${p.rate} views/s (one full page per ten views):`,
    `  view p50 / p95: floor ${f(percentile(p.floor.views, 50))} / ${f(fp95)} ms, portal ${f(percentile(p.portal.views, 50))} / ${f(pp95)} ms → p95 ratio ${f(pp95 / fp95, 2)}×`,
    `  full page p95: floor ${f(percentile(p.floor.pages, 95))} ms, portal ${f(percentile(p.portal.pages, 95))} ms`,
    `  server CPU per view: floor ${f(p.floor.cpuPerViewMs, 2)} ms, portal ${f(p.portal.cpuPerViewMs, 2)} ms → cost ratio ${f(p.portal.cpuPerViewMs / p.floor.cpuPerViewMs, 2)}×`,
  ];
  if (p.solo) lines.push(`  single-client p50 view / page: floor ${f(p.solo.floor.view)} / ${f(p.solo.floor.page)} ms, portal ${f(p.solo.portal.view)} / ${f(p.solo.portal.page)} ms`);
  if (p.scenarios) lines.push(`  single-client p50 view per scenario: ${p.scenarios.map((sc) => `${sc.name} ${f(sc.p50)} ms`).join("; ")}`);
  const errors = [...p.floor.errors, ...p.portal.errors];
  if (errors.length > 0) lines.push(`  errors: ${errors.join("; ")}`);
  return lines;
}

export const p95Ratio = (p: Pair) => percentile(p.portal.views, 95) / percentile(p.floor.views, 95);
export const costRatio = (p: Pair) => p.portal.cpuPerViewMs / p.floor.cpuPerViewMs;
export const pairErrors = (p: Pair) => p.floor.errors.length + p.portal.errors.length;
