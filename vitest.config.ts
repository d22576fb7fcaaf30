import path from "node:path";

import { defineConfig } from "vitest/config";

const root = import.meta.dirname;
const alias = {
  "@": root,
  // `server-only` throws outside React Server Components; in tests the code runs in plain Node.
  "server-only": path.join(root, "lib/testing/server-only-stub.ts"),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "components/**/*.test.{ts,tsx}", "sandbox/**/*.test.ts", "scripts/**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "node_modules/**"],
          environment: "node",
          // Worker threads, not processes: unit files are many and small, and starting a process
          // for each was half the project's time (59 → 42 s on two cores).
          pool: "threads",
        },
      },
      {
        resolve: { alias },
        test: {
          name: "int",
          include: ["**/*.int.test.ts"],
          exclude: ["node_modules/**"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Three files at a time on two cores: many wait on timers (leases, rate-limit windows, the
          // 60 s takeover of a dead worker's run), and a third overlaps those waits (412 → 340 s).
          maxWorkers: 3,
        },
      },
    ],
  },
});
