import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { acquireDirLock, DatabaseLockedError, lockHolder } from "./lock";

const dir = () => path.join(mkdtempSync(path.join(tmpdir(), "brygga-lock-")), "pglite");

describe("PGlite directory lock", () => {
  it("is taken and released by its owner", () => {
    const d = dir();
    const release = acquireDirLock(d);
    expect(lockHolder(d)).toBe(process.pid);
    release();
    expect(lockHolder(d)).toBeNull();
    expect(existsSync(`${d}.lock`)).toBe(false);
  });

  it("refuses a second live process with a message that says what to do", () => {
    const d = dir();
    // A real, live second process owns the lock while we try to take it.
    const other = spawn(process.execPath, ["-e", "setTimeout(() => {}, 30000)"], { stdio: "ignore" });
    try {
      writeFileSync(`${d}.lock`, String(other.pid));
      expect(() => acquireDirLock(d)).toThrow(DatabaseLockedError);
      expect(() => acquireDirLock(d)).toThrow(/already in use by process \d+.*DATABASE_URL/);
    } finally {
      other.kill();
    }
  });

  it("takes over a lock left by a crashed process", () => {
    const d = dir();
    writeFileSync(`${d}.lock`, "2147483646");
    const release = acquireDirLock(d);
    expect(lockHolder(d)).toBe(process.pid);
    release();
  });
});
