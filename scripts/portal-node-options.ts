import path from "node:path";

/**
 * V8 settings for the portal's process. `npm start` gives the same flags (package.json) and
 * scripts/stack.ts (demo, e2e, benchmarks) starts the portal with `portalCommand`; a unit test keeps
 * the two equal. On the command line, not in NODE_OPTIONS: Node admits few V8 flags there.
 *
 * - `--max-semi-space-size=16`: under a steady request load V8 grows its young generation until
 *   each of its two semi-spaces is 64 MB, and that memory stays resident. Capped at 16 MB, bench:ui
 *   measured the portal's peak RSS ~80 MB lower (PGlite: 516 → 438 MB) with the same CPU per view
 *   (2.25× and 2.24× the floor in the same session; README, bench:ui).
 */
export const PORTAL_NODE_FLAGS = ["--max-semi-space-size=16"] as const;

/** Next's CLI, relative to the project's root. */
export const NEXT_CLI = "node_modules/next/dist/bin/next";

/** `next start` with the portal's V8 flags, in the Node.js running this script. */
export function portalCommand(root: string, args: string[]): { command: string; args: string[] } {
  return { command: process.execPath, args: [...PORTAL_NODE_FLAGS, path.join(root, NEXT_CLI), "start", ...args] };
}
