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
 * - `--initial-old-space-size=64 --heap-growing-percent=50`: V8 sizes its old generation for the
 *   machine's memory, not for a portal. On a 24 GB machine, under bench:ui's load with a sync in
 *   the portal, the old generation grew from 34 to 150 MB (what requests and the sync promote out of
 *   the young generation, mostly garbage) with no full collection at all, and that is the portal's
 *   peak. These make the first full collection come at 64 MB, and each next one when the heap has
 *   grown by half of what survived the last. bench:ui on PGlite, same session: peak RSS 444 → 359 MB
 *   (two runs); full collections took 0.2 s of the main thread over the whole run (young ones: 1.1 s).
 *   Neither is a cap: a sync that needs more memory still gets it (`--max-old-space-size` would end
 *   the process instead).
 */
export const PORTAL_NODE_FLAGS = ["--max-semi-space-size=16", "--initial-old-space-size=64", "--heap-growing-percent=50"] as const;

/** Next's CLI, relative to the project's root. */
export const NEXT_CLI = "node_modules/next/dist/bin/next";

/** `next start` with the portal's V8 flags, in the Node.js running this script. */
export function portalCommand(root: string, args: string[]): { command: string; args: string[] } {
  return { command: process.execPath, args: [...PORTAL_NODE_FLAGS, path.join(root, NEXT_CLI), "start", ...args] };
}
