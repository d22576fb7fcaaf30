import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";

/**
 * Child processes that end with this one. A script that dies of an uncaught error (or calls
 * process.exit) would otherwise leave its portal running: holding the embedded database's lock and
 * its ports, and idling on the CPU a later benchmark measures. Node emits "exit" in both cases; a
 * SIGKILL of this process is beyond any handler.
 */
const live = new Set<ChildProcess>();
let hooked = false;

export function spawnTied(command: string, args: string[], options: SpawnOptions): ChildProcess {
  if (!hooked) {
    hooked = true;
    process.on("exit", () => {
      for (const child of live) child.kill("SIGTERM");
    });
  }
  const child = spawn(command, args, options);
  live.add(child);
  child.once("exit", () => live.delete(child));
  return child;
}
