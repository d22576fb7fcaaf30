import { rmSync } from "node:fs";
import path from "node:path";

import { expect, test, type Browser, type Page } from "@playwright/test";

import { startStack, type Stack } from "../scripts/stack";

import { control } from "./fixtures";
import { expectAccessible } from "./ui-helpers";

/*
 * The portal's demo mode (sales). The e2e stack runs in demo mode, so the landing page's demo
 * buttons and /demo are there. The timing test needs Fortnox's real window, which the shared e2e
 * stack (20× faster) does not have: it starts a stack of its own with the real 25 per 5 s.
 */

const PENDING_ROWS = "Raderna har inte hämtats från Fortnox ännu";

async function inEnglish<T>(browser: Browser, body: (page: Page) => Promise<T>): Promise<T> {
  const context = await browser.newContext({ locale: "en-GB" });
  try {
    return await body(await context.newPage());
  } finally {
    await context.close();
  }
}

test("the landing page leads in: connect, App Market and Starta demo; accessible in Swedish and English", async ({ page, browser }) => {
  await page.goto("/");
  await expect(page.getByRole("link", { name: "Anslut med Fortnox" })).toHaveAttribute("href", "/activate");
  await expect(page.getByRole("link", { name: "Öppna App Market (sandlåda)" })).toHaveAttribute("href", "http://localhost:4100/appmarket");
  await expect(page.getByRole("button", { name: "Starta demo" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Anslut med Fortnox" }).click();
  await expect(page).toHaveURL(/\/activate$/);

  // The sandbox's App Market lists Brygga as an activatable app; "Aktivera" leads to /activate.
  await page.goto("/");
  await page.getByRole("link", { name: "Öppna App Market (sandlåda)" }).click();
  await expect(page).toHaveURL("http://localhost:4100/appmarket");
  await page.getByRole("link", { name: "Brygga", exact: true }).first().click();
  await page.getByRole("link", { name: "Aktivera" }).click();
  await expect(page).toHaveURL("http://localhost:3100/activate");
  await expect(page.getByRole("button", { name: "Anslut med Fortnox" })).toBeVisible();

  await inEnglish(browser, async (en) => {
    await en.goto("/");
    await expect(en.getByRole("button", { name: "Start demo" })).toBeVisible();
    await expect(en.getByRole("link", { name: "Connect with Fortnox" })).toBeVisible();
    await expectAccessible(en);
  });
});

test("only the demo's own messages are shown from the URL", async ({ page }) => {
  await page.goto("/?error=%3Cscript%3Ealert(1)%3C%2Fscript%3E");
  await expect(page.getByTestId("demo-error")).toHaveCount(0);
  await page.goto("/?error=demo.error.unreachable");
  await expect(page.getByTestId("demo-error")).toHaveText(/sandlådan svarar inte/);
  // A confirmation naming a database needs a database number that parses.
  await page.goto("/demo?done=demo.done.created&tenant=%3Cscript%3E");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Demo");
  await expect(page.getByTestId("demo-done")).toHaveCount(0);
  await page.goto("/demo?done=demo.done.created&tenant=1000001");
  await expect(page.getByTestId("demo-done")).toHaveText("Testdatabasen skapades (databasnummer 1000001).");
});

test("/demo: create with a scenario, connect, reset and re-sync, hostile input refused; accessible", async ({ page, browser }) => {
  test.setTimeout(120_000);
  await page.goto("/demo");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Demo");
  await expectAccessible(page);

  // Create: the scenario list offers the four sales scenarios.
  const scenario = page.getByLabel("Scenario");
  await expect(scenario.locator("option")).toHaveText([/Litet företag/, /100 000 fakturor/, /förfallna/, /utländsk valuta/]);
  await scenario.selectOption("small");
  await page.getByRole("button", { name: "Skapa", exact: true }).click();
  await expect(page.getByTestId("demo-done")).toHaveText(/Testdatabasen skapades \(databasnummer \d+\)/, { timeout: 20_000 });
  const tenantId = Number(new URL(page.url()).searchParams.get("tenant"));
  const row = page.locator(`[data-testid="demo-database"][data-tenant="${tenantId}"]`);
  await expect(row).toContainText("50 / 40 / 300");

  // Connect: straight to the dashboard of that company, through the real callback.
  await row.getByRole("button", { name: "Anslut" }).click();
  await expect(page).toHaveURL(/\/dashboard/, { timeout: 20_000 });
  const company = (await control<{ companyName: string }>("GET", `/databases/${tenantId}`)).companyName;
  await expect(page.getByTestId("active-company")).toHaveText(company);
  // The first sync (started by connecting) ends first, so the reset's run is a run of its own.
  await expect(page.getByTestId("sync-status").getByTestId("sync-last-status")).toHaveText("Lyckades", { timeout: 60_000 });

  // Reset: re-seeded in the sandbox, and Brygga queues a full sync for the connected company.
  await page.goto("/demo");
  await page.locator(`[data-testid="demo-database"][data-tenant="${tenantId}"]`).getByRole("button", { name: "Återställ" }).click();
  await expect(page.getByTestId("demo-done")).toHaveText(`Testdatabasen ${tenantId} återställdes, och en fullständig synk har startat i Brygga.`, { timeout: 20_000 });
  await page.goto("/sync");
  await expect(page.getByTestId("sync-run").first()).toContainText(/Fullständig|Full/);

  // A crafted tenant id and scenario come back as a translated error, not a crash.
  await page.goto("/demo");
  const reset = page.locator(`[data-testid="demo-database"][data-tenant="${tenantId}"]`).locator("form").nth(1);
  await reset.locator('input[name="tenantId"]').evaluate((el) => ((el as HTMLInputElement).value = "1 or 1=1"));
  await reset.getByRole("button").click();
  await expect(page.getByTestId("demo-error")).toHaveText(/Ogiltigt val/, { timeout: 20_000 });
  // A forged sign-in post (this site's origin, a tenant id out of range) is refused the same way.
  const forged = await page.request.post("/demo/start", { form: { from: "demo", tenantId: "99999999999" }, headers: { origin: "http://localhost:3100" }, maxRedirects: 0 });
  expect(forged.status()).toBe(303);
  expect(forged.headers().location).toBe("http://localhost:3100/demo?error=demo.error.invalid");
  await page.getByLabel("Scenario").evaluate((el) => ((el as HTMLSelectElement).options[0]!.value = "../../etc"));
  await page.getByRole("button", { name: "Skapa", exact: true }).click();
  await expect(page.getByTestId("demo-error")).toHaveText(/Ogiltigt val/, { timeout: 20_000 });
  await expectAccessible(page);

  await inEnglish(browser, async (en) => {
    await en.goto("/demo");
    await expect(en.getByRole("heading", { name: "Test databases" })).toBeVisible();
    await expectAccessible(en);
  });
});

test("a sign-in post from another site is refused", async ({ request }) => {
  const res = await request.post("/demo/start", { form: { from: "home" }, headers: { origin: "http://evil.example" }, maxRedirects: 0 });
  expect(res.status()).toBe(403);
});

test("the demo speed switch sets the sandbox's speed", async ({ page }) => {
  await page.goto("/demo");
  await expect(page.getByTestId("demo-speed-current")).toHaveText(/Fortnox verkliga takt|×/);
  try {
    await page.getByLabel("×5").check();
    await page.getByRole("button", { name: "Ändra hastighet" }).click();
    await expect(page.getByTestId("demo-done")).toHaveText("Demohastigheten är ändrad.", { timeout: 20_000 });
    await expect(page.getByTestId("demo-speed-current")).toHaveText("Nu: ×5");
    expect(await control("GET", "/speed")).toMatchObject({ scale: 5, windowMs: 50 });
  } finally {
    await control("PUT", "/speed", { scale: 1 });
  }
});

/* ---------- Starta demo at Fortnox's real window (a stack of its own) ---------- */

const ROOT = path.resolve(import.meta.dirname, "..");
const REAL = { portalPort: 3200, sandboxPort: 4200 };

async function freshDatabase(url: string): Promise<string> {
  const { Client } = await import("pg");
  const admin = new Client({ connectionString: url });
  await admin.connect();
  await admin.query("drop database if exists brygga_e2e_demo with (force)");
  await admin.query("create database brygga_e2e_demo");
  await admin.end();
  const u = new URL(url);
  u.pathname = "/brygga_e2e_demo";
  return u.toString();
}

test.describe("at Fortnox's real window", () => {
  let stack: Stack;
  test.beforeAll(async () => {
    test.setTimeout(180_000);
    const dataDir = path.join(ROOT, ".data", "e2e-demo");
    rmSync(dataDir, { recursive: true, force: true });
    const adminUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
    // No --rate-limit and no FORTNOX_RATE_LIMIT: 25 requests per 5 s, as Fortnox.
    stack = await startStack({ ...REAL, dataDir, sandboxTestMode: false, seedDemo: false, databaseUrl: adminUrl ? await freshDatabase(adminUrl) : undefined });
  });
  test.afterAll(async () => {
    await stack?.stop();
  });

  test("Starta demo: one click to a dashboard with filled lists within 15 s; the newest 25 invoices have rows within 30 s", async ({ page }) => {
    test.setTimeout(120_000);
    const base = stack.portalUrl;
    await page.goto(`${base}/`);
    // The dashboard's sync card asks for its connection's status: that names the connection.
    const syncRequest = page.waitForRequest(/\/api\/connections\/[0-9a-f-]{36}\/sync/, { timeout: 15_000 });
    const clicked = Date.now();
    await page.getByRole("button", { name: "Starta demo" }).click();
    await expect(page).toHaveURL(/\/dashboard/, { timeout: 15_000 });
    const connectionId = /connections\/([0-9a-f-]{36})\//.exec((await syncRequest).url())![1]!;
    const rows = async (list: string, query = "") => {
      const res = await page.request.get(`${base}/api/connections/${connectionId}/${list}${query}`);
      expect(res.status()).toBe(200);
      return ((await res.json()) as { data: { rows: { documentNumber?: number }[] } }).data.rows;
    };
    const left = () => Math.max(1, 15_000 - (Date.now() - clicked));
    for (const list of ["customers", "articles", "invoices"]) {
      await expect.poll(async () => (await rows(list)).length, { timeout: left(), intervals: [250] }).toBeGreaterThan(0);
    }
    const listsFilledMs = Date.now() - clicked;
    expect(listsFilledMs).toBeLessThanOrEqual(15_000);
    // What the person sees: the dashboard's counts are no longer zero.
    await page.reload();
    for (const tile of ["customers", "articles", "invoices"]) await expect(page.getByTestId(`count-${tile}`)).not.toContainText(/^\D*0$/);

    // The newest 25: the invoice list's first page in its default order (newest invoice date first).
    const newest = (await rows("invoices")).map((r) => String(r.documentNumber)).slice(0, 25);
    expect(newest).toHaveLength(25);
    const pending = new Set(newest);
    await expect(async () => {
      for (const n of [...pending]) {
        const html = await (await page.request.get(`${base}/invoices/${encodeURIComponent(n)}`)).text();
        if (!html.includes(PENDING_ROWS) && html.includes('data-testid="invoice-rows"')) pending.delete(n);
      }
      expect([...pending]).toEqual([]);
    }).toPass({ timeout: Math.max(1, 30_000 - (Date.now() - clicked)), intervals: [500] });
    const rowsMs = Date.now() - clicked;
    console.log(`Starta demo at the real window: lists filled ${listsFilledMs} ms, the newest 25 invoices' rows ${rowsMs} ms after the click`);
    expect(rowsMs).toBeLessThanOrEqual(30_000);
  });
});
