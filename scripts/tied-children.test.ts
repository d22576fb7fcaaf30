import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, describe, expect, it } from "vitest";

const dir = mkdtempSync(path.join(tmpdir(), "brygga-tied-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Runs a script that starts a long-lived child with spawnTied (or plain spawn), prints its pid, then throws. */
async function childOfACrashedScript(tied: boolean): Promise<number> {
  const script = path.join(dir, `parent-${tied ? "tied" : "plain"}.ts`);
  writeFileSync(
    script,
    `import { spawn } from "node:child_process";
import { spawnTied } from ${JSON.stringify(path.join(import.meta.dirname, "tied-children.ts"))};
const start = ${tied ? "spawnTied" : "spawn"};
const child = start(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
console.log(child.pid);
setTimeout(() => { throw new Error("the script crashed"); }, 200);
`,
  );
  const parent = spawn(process.execPath, ["--import", "tsx", script], { stdio: ["ignore", "pipe", "ignore"] });
  let out = "";
  parent.stdout.on("data", (d: Buffer) => (out += d.toString()));
  const code = await new Promise<number | null>((r) => parent.once("exit", r));
  expect(code).not.toBe(0);
  return Number(out.trim());
}

describe("spawnTied", () => {
  it("ends the children of a script that dies of an uncaught error", async () => {
    const pid = await childOfACrashedScript(true);
    for (let i = 0; i < 40 && alive(pid); i++) await new Promise((r) => setTimeout(r, 50));
    const survived = alive(pid);
    if (survived) process.kill(pid, "SIGKILL");
    expect(survived).toBe(false);
  });

  it("is needed: a plainly spawned child outlives the crash", async () => {
    const pid = await childOfACrashedScript(false);
    await new Promise((r) => setTimeout(r, 500));
    const survived = alive(pid);
    if (survived) process.kill(pid, "SIGKILL");
    expect(survived).toBe(true);
  });
});
