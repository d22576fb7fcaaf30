import { readFileSync } from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { NEXT_CLI, PORTAL_NODE_FLAGS, portalCommand } from "./portal-node-options";

describe("the portal's V8 flags", () => {
  it("are what `npm start` gives", () => {
    const pkg = JSON.parse(readFileSync(path.join(import.meta.dirname, "..", "package.json"), "utf8")) as { scripts: Record<string, string> };
    expect(pkg.scripts.start).toBe(`node ${PORTAL_NODE_FLAGS.join(" ")} ${NEXT_CLI} start`);
  });

  it("come before Next's CLI (after it they would be Next's arguments, not Node's)", () => {
    const { command, args } = portalCommand("/app", ["-p", "3001"]);
    expect(command).toBe(process.execPath);
    expect(args).toEqual([...PORTAL_NODE_FLAGS, `/app/${NEXT_CLI}`, "start", "-p", "3001"]);
  });
});
