import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import path from "node:path";

/**
 * PGlite has no cross-process locking: two processes on one data directory silently lose writes
 * (seen in a two-process write test; PGlite documents single-connection use). This lock file makes the second process fail fast instead.
 */

export class DatabaseLockedError extends Error {
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(
      `Brygga's embedded database (${dir}) is already in use by process ${pid}. ` +
        "Only one process may open it: stop that process first (is `npm run demo` already running?), " +
        "or set DATABASE_URL to use PostgreSQL, which allows many processes.",
    );
    this.name = "DatabaseLockedError";
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM means the process exists but belongs to someone else: still alive.
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

function lockPath(dir: string) {
  return `${path.resolve(dir)}.lock`;
}

/** The pid holding the lock for `dir`, or null when free (a lock left by a dead process is free). */
export function lockHolder(dir: string): number | null {
  try {
    const pid = Number(readFileSync(lockPath(dir), "utf8").trim());
    return Number.isInteger(pid) && pid > 0 && isAlive(pid) ? pid : null;
  } catch {
    return null;
  }
}

/** Take the lock for `dir` or throw DatabaseLockedError. Returns a release function. */
export function acquireDirLock(dir: string): () => void {
  const file = lockPath(dir);
  mkdirSync(path.dirname(file), { recursive: true });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      const release = () => {
        if (lockHolder(dir) === process.pid) unlinkSync(file);
      };
      process.once("exit", release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const holder = lockHolder(dir);
      if (holder !== null && holder !== process.pid) throw new DatabaseLockedError(dir, holder);
      if (holder === process.pid) return () => undefined;
      // Stale lock from a crashed process: remove it and try again.
      try {
        unlinkSync(file);
      } catch {
        /* another process removed it first */
      }
    }
  }
  throw new Error(`Could not take the database lock ${file}`);
}
