import { defineConfig } from "@playwright/test";

// Debian's Chromium, never a downloaded browser. The flags keep it from reaching for the network,
// which this machine does not have (its background services would otherwise try to reach Google).
const chromiumArgs = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: [["list"]],
  use: {
    // localhost, never 127.0.0.1: AUTH_URL and the registered redirect URI use it.
    baseURL: "http://localhost:3100",
    browserName: "chromium",
    // Brygga's users are Swedish accountants; English is tested explicitly.
    locale: "sv-SE",
    timezoneId: "Europe/Stockholm",
    // No trace by default: recording one (its screenshots especially) cost a quarter of the suite's
    // time on two cores, for files nobody reads when the run passes. To record one:
    // `npx playwright test --trace retain-on-failure`.
    trace: "off",
    launchOptions: { executablePath: "/usr/bin/chromium", args: chromiumArgs },
  },
  // The first person to sign in to the demo-mode portal becomes its operator: a setup project signs
  // that person in before any spec, so e2e/ops.spec.ts knows who it is.
  projects: [
    { name: "setup", testMatch: /operator\.setup\.ts/ },
    { name: "chromium", dependencies: ["setup"] },
  ],
  webServer: {
    command: "node_modules/.bin/tsx scripts/e2e-server.ts",
    url: "http://localhost:3100/api/health",
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
  },
});
