// ---------------------------------------------------------------------------------------------
// Report.

import os from "node:os";

import type { Sample } from "./scenarios";

interface Stats {
  n: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  errors: number;
}

export function stats(samples: Sample[], windowS: number): Stats {
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  const pct = (p: number) => (ms.length === 0 ? NaN : ms[Math.min(ms.length - 1, Math.ceil((p / 100) * ms.length) - 1)]!);
  return { n: ms.length, rps: ms.length / windowS, p50: pct(50), p95: pct(95), p99: pct(99), max: ms.at(-1) ?? NaN, errors: samples.filter((s) => !s.ok).length };
}

export function table(rows: { label: string; route: string; s: Stats; solo: Stats; dbMs?: number }[]): string {
  const head = ["scenario", "route", "requests", "req/s", "p50 ms", "p95 ms", "p99 ms", "max ms", "errors", "1-client p50", "db ms*"];
  const fmt = (v: number, d = 1) => (Number.isFinite(v) ? v.toFixed(d) : "–");
  const body = rows.map((r) => [
    r.label,
    r.route,
    String(r.s.n),
    fmt(r.s.rps),
    fmt(r.s.p50),
    fmt(r.s.p95),
    fmt(r.s.p99),
    fmt(r.s.max),
    String(r.s.errors),
    fmt(r.solo.p50),
    r.dbMs === undefined ? "" : fmt(r.dbMs, 2),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [line(head), widths.map((w) => "-".repeat(w)).join("  "), ...body.map(line)].join("\n");
}

export function machineFacts(): string {
  const cpus = os.cpus();
  return `${cpus.length} cores (${cpus[0]?.model.trim() ?? "unknown"}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}, ${os.platform()} ${os.release()}`;
}
