import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";

const ROOT = path.resolve(import.meta.dirname, "..", "..");

export interface MemoryResult {
  driver: string;
  status: string;
  records: number;
  ms: number;
  peakRssMb: number;
  baselineMb: number;
}

/** Run scripts/bench/memory.ts in a fresh Node process (same environment) and read its figures. */
export async function memoryRun(): Promise<MemoryResult> {
  const { stdout } = await promisify(execFile)(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/bench/memory.ts"], { cwd: ROOT, maxBuffer: 64 * 2 ** 20 });
  const last = stdout.trim().split("\n").filter((l) => l.startsWith('{"driver"')).pop();
  if (!last) throw new Error(`memory run printed no result:\n${stdout.slice(-2000)}`);
  return JSON.parse(last) as MemoryResult;
}
