// ---------------------------------------------------------------------------------------------
// CPU time and resident memory of a process and its descendants, read from /proc (Linux).

import { readdirSync, readFileSync } from "node:fs";

const TICKS_PER_S = 100; // USER_HZ on Linux
const PAGE_BYTES = 4096;

interface ProcStat {
  pid: number;
  ppid: number;
  cpuMs: number;
  rssBytes: number;
}

function readStat(pid: number): ProcStat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name may contain spaces and parentheses: fields start after the last ")".
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    return { pid, ppid: Number(fields[1]), cpuMs: ((utime + stime) * 1000) / TICKS_PER_S, rssBytes: Number(fields[21]) * PAGE_BYTES };
  } catch {
    return null;
  }
}

/** The process `root` and every descendant still alive. */
function tree(root: number): ProcStat[] {
  const all = readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .map((name) => readStat(Number(name)))
    .filter((s): s is ProcStat => s !== null);
  const children = new Map<number, ProcStat[]>();
  for (const s of all) children.set(s.ppid, [...(children.get(s.ppid) ?? []), s]);
  const out: ProcStat[] = [];
  const visit = (pid: number) => {
    const self = all.find((s) => s.pid === pid);
    if (self) out.push(self);
    for (const c of children.get(pid) ?? []) visit(c.pid);
  };
  visit(root);
  return out;
}

/** Total CPU milliseconds (user + system) the process tree has used so far. */
export function cpuMs(roots: number[]): number {
  return roots.flatMap(tree).reduce((sum, s) => sum + s.cpuMs, 0);
}

export function rssBytes(roots: number[]): number {
  return roots.flatMap(tree).reduce((sum, s) => sum + s.rssBytes, 0);
}

/** Samples the tree's RSS every `everyMs` until stopped; `peak` is the highest seen. */
export function watchRss(roots: () => number[], everyMs = 250) {
  let peak = 0;
  const sample = () => {
    peak = Math.max(peak, rssBytes(roots()));
  };
  sample();
  const timer = setInterval(sample, everyMs);
  timer.unref();
  return {
    get peakBytes() {
      sample();
      return peak;
    },
    stop: () => clearInterval(timer),
  };
}
