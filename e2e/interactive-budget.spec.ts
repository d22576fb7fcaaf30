import { rmSync } from "node:fs";
import path from "node:path";

import { expect, test, type Browser, type Page } from "@playwright/test";

import { sandboxControl } from "@/lib/testing/sandbox";

import { startStack, type Stack } from "../scripts/stack";

import { decide } from "./fixtures";

/*
 * People before background work on the Fortnox budget, at Fortnox's real window (25 requests per
 * 5 s; the shared e2e stack runs 20× faster, so this spec starts a stack of its own, like the
 * real-window test in demo.spec.ts). While a company's first full sync spends the budget, a second
 * person of the same company signs in and saves a customer: the sign-in costs at most 2 s more
 * than the same sign-in once the sync is over, the write-back goes through, and the sandbox's
 * request log holds no 429 at all (so none on a person's request).
 */

const ROOT = path.resolve(import.meta.dirname, "..");
const REAL = { portalPort: 3200, sandboxPort: 4200 };
const WINDOW = { requests: 25, windowMs: 5000 };

type Logged = { at: string; method: string; path: string; tenantId: number | null; status: number };
type Company = { tenantId: number; users: { id: string; name: string; sysAdmin: boolean }[] };

async function freshDatabase(url: string): Promise<string> {
  const { Client } = await import("pg");
  const admin = new Client({ connectionString: url });
  await admin.connect();
  await admin.query("drop database if exists brygga_e2e_budget with (force)");
  await admin.query("create database brygga_e2e_budget");
  await admin.end();
  const u = new URL(url);
  u.pathname = "/brygga_e2e_budget";
  return u.toString();
}

test.describe("at Fortnox's real window", () => {
  let stack: Stack;
  let control: ReturnType<typeof sandboxControl>;
  test.beforeAll(async () => {
    test.setTimeout(180_000);
    const dataDir = path.join(ROOT, ".data", "e2e-budget");
    rmSync(dataDir, { recursive: true, force: true });
    const adminUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
    // No --rate-limit and no FORTNOX_RATE_LIMIT: 25 requests per 5 s, as Fortnox. Test mode only
    // opens the sandbox's request log to the test.
    stack = await startStack({ ...REAL, dataDir, sandboxTestMode: true, seedDemo: false, databaseUrl: adminUrl ? await freshDatabase(adminUrl) : undefined });
    control = sandboxControl(stack.sandboxUrl);
  });
  test.afterAll(async () => {
    await stack?.stop();
  });

  /** Sign in as `user` of the company in a browser of its own; the time from approving to the dashboard. */
  async function signIn(browser: Browser, company: Company, user: string): Promise<{ page: Page; ms: number }> {
    const context = await browser.newContext({ baseURL: stack.portalUrl });
    const page = await context.newPage();
    await page.goto("/activate");
    await page.getByRole("button", { name: /Anslut med Fortnox|Lägg till företag/ }).click();
    await expect(page).toHaveURL(/\/oauth-v1\/auth/);
    const steps: string[] = [];
    page.on("requestfinished", (r) => {
      if (r.resourceType() === "document") steps.push(`${new URL(r.url()).pathname} ${Math.round(r.timing().responseStart)}/${Math.round(r.timing().responseEnd)} ms`);
    });
    const started = Date.now();
    await decide(page, company.tenantId, "approve", new RegExp(user));
    await expect(page).toHaveURL(/\/dashboard/, { timeout: 30_000 });
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    const ms = Date.now() - started;
    console.log(`sign-in as ${user}: ${ms} ms (${steps.join(", ")})`);
    return { page, ms };
  }

  const requestsOf = async (tenantId: number) => (await control<Logged[]>("GET", "/requests")).filter((r) => r.tenantId === tenantId);

  test("during a full sync, a second person signs in with ≤ 2 s of added wait and saves a customer; no 429", async ({ browser }) => {
    test.setTimeout(300_000);
    // 300 invoices, each fetched for its rows: the first sync needs about a minute at 5 requests per second.
    const company = await control<Company>("POST", "/databases", { seed: "small" });
    const owner = company.users.find((u) => u.sysAdmin)!;
    const bookkeeper = company.users.find((u) => !u.sysAdmin)!;
    await control("DELETE", "/requests");

    // The owner connects the company: its first (full) sync starts.
    const first = await signIn(browser, company, owner.name);
    // Wait until the sync has filled two windows, so the budget is being spent when the person comes.
    await expect.poll(async () => (await requestsOf(company.tenantId)).length, { timeout: 60_000, intervals: [500] }).toBeGreaterThan(2 * WINDOW.requests);

    const during = await signIn(browser, company, bookkeeper.name);
    await expect(during.page.getByTestId("active-company")).toBeVisible();
    // A write-back while the sync still runs.
    const name = `Under synken ${Date.now()} AB`;
    await during.page.goto("/customers/new");
    await during.page.getByLabel("Namn").fill(name);
    const wrote = Date.now();
    await during.page.getByRole("button", { name: "Skapa" }).click();
    await expect(during.page).toHaveURL(/\/customers\/(?!new$)[^/]+$/, { timeout: 30_000 });
    await expect(during.page.getByRole("heading", { level: 1 })).toHaveText(name);
    const writeMs = Date.now() - wrote;
    const afterWrite = new Date().toISOString();

    // The sync was still spending the budget after the write: it was competing all along.
    await expect.poll(async () => (await requestsOf(company.tenantId)).filter((r) => r.at > afterWrite && r.method === "GET").length, { timeout: 20_000 }).toBeGreaterThan(0);

    // Wait for the sync to end (the owner's dashboard polls its status; that request names the connection).
    const statusUrl = (await first.page.waitForRequest(/\/api\/connections\/[0-9a-f-]{36}\/sync$/, { timeout: 10_000 })).url();
    await expect
      .poll(async () => ((await (await first.page.request.get(statusUrl)).json()) as { data: { openRun: unknown } }).data.openRun, { timeout: 180_000, intervals: [1000] })
      .toBeNull();
    await new Promise((r) => setTimeout(r, WINDOW.windowMs + 100));
    const idle = await signIn(browser, company, bookkeeper.name);

    const log = await control<Logged[]>("GET", "/requests");
    const rateLimited = log.filter((r) => r.status === 429);
    // A person's requests: the sign-in's identity calls (companyinformation, me, one-row licence probes) and the write.
    const interactive = log.filter((r) => r.method !== "GET" || /^\/3\/(me|companyinformation)\b/.test(r.path) || /[?&]limit=1(&|$)/.test(r.path));
    console.log(`Interactive budget at the real window: sign-in ${during.ms} ms during the sync, ${idle.ms} ms idle (+${during.ms - idle.ms} ms); write-back ${writeMs} ms; ${log.length} requests, ${interactive.length} interactive, ${rateLimited.length} × 429`);
    expect(interactive.length).toBeGreaterThan(0);
    expect(interactive.filter((r) => r.status === 429)).toEqual([]);
    expect(rateLimited).toEqual([]);
    expect(during.ms - idle.ms).toBeLessThanOrEqual(2000);
    for (const p of [first.page, during.page, idle.page]) await p.context().close();
  });
});
