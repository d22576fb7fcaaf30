import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";

import { SandboxState } from "./state";

/**
 * Demo-mode persistence: the whole state as one gzip'd JSON snapshot, written atomically
 * (temp file + rename) shortly after changes and on shutdown, so apps, test databases, users,
 * data and consents survive a restart.
 */

const FILE = "sandbox-state.json.gz";

function replacer(this: unknown, key: string, value: unknown): unknown {
  const raw = (this as Record<string, unknown>)[key];
  if (raw instanceof Map) return { __map: [...raw.entries()] };
  if (raw instanceof Set) return { __set: [...raw] };
  if (raw instanceof Date) return { __date: raw.toISOString() };
  return value;
}

function reviver(_key: string, value: unknown): unknown {
  if (value && typeof value === "object") {
    const v = value as { __map?: [unknown, unknown][]; __set?: unknown[]; __date?: string };
    if (v.__map) return new Map(v.__map);
    if (v.__set) return new Set(v.__set);
    if (v.__date) return new Date(v.__date);
  }
  return value;
}

export function loadState(dir: string): SandboxState {
  const file = path.join(dir, FILE);
  const state = new SandboxState();
  if (!existsSync(file)) return state;
  const data = JSON.parse(gunzipSync(readFileSync(file)).toString("utf8"), reviver) as Partial<SandboxState>;
  Object.assign(state, data);
  return state;
}

export function saveState(dir: string, state: SandboxState): void {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  const { apps, databases, codes, refreshTokens, consents, events, portal, nextTenantId, nextOffset, secret, speedScale } = state;
  const json = JSON.stringify({ apps, databases, codes, refreshTokens, consents, events, portal, nextTenantId, nextOffset, secret, speedScale }, replacer);
  writeFileSync(tmp, gzipSync(json, { level: 1 }));
  renameSync(tmp, file);
}

/** Snapshot whenever the state's version moves, at most every `intervalMs`. */
export function autosave(dir: string, state: SandboxState, intervalMs = 500): { flush(): void; stop(): void } {
  let saved = state.version;
  const flush = () => {
    if (state.version === saved) return;
    saved = state.version;
    saveState(dir, state);
  };
  const timer = setInterval(flush, intervalMs);
  timer.unref();
  return { flush, stop: () => clearInterval(timer) };
}
