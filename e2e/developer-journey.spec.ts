import { rmSync } from "node:fs";
import path from "node:path";

import { expect, test } from "@playwright/test";

import { startPortal } from "../scripts/stack";

import { decide, SANDBOX } from "./fixtures";
import { expectAccessible } from "./ui-helpers";

/*
 * A new developer's journey, as on Fortnox: register in the developer portal, create an app with
 * scopes, a redirect URI and a landing page, create a test database, publish the app as
 * purchasable, buy it in the App Market as the test company's user, land on Brygga's /activate,
 * connect, see the dashboard; the developer's statistics then count the company and subscription.
 *
 * Brygga is the developer's integration, so it runs with the credentials the developer portal
 * just showed (client id and the once-shown secret): a Brygga of its own on port 3300, started
 * after the app exists, exactly as a developer configures their deployment. The shared e2e
 * portal keeps the stack's app; both talk to the same sandbox.
 */

const ROOT = path.resolve(import.meta.dirname, "..");
const PORT = 3300;
const BRYGGA = `http://localhost:${PORT}`;
const SCOPES = ["companyinformation", "profile", "customer", "article", "invoice", "settings"];

async function freshDatabase(url: string): Promise<string> {
  const { Client } = await import("pg");
  const admin = new Client({ connectionString: url });
  await admin.connect();
  await admin.query("drop database if exists brygga_e2e_journey with (force)");
  await admin.query("create database brygga_e2e_journey");
  await admin.end();
  const u = new URL(url);
  u.pathname = "/brygga_e2e_journey";
  return u.toString();
}

test("developer journey: register, create an app, test database, publish, buy in the App Market, connect Brygga, statistics", async ({ page }) => {
  test.setTimeout(300_000);
  const stamp = Date.now().toString(36);
  const companyName = `Resa ${stamp} AB`;

  // 1. Register as a developer.
  await page.goto(`${SANDBOX}/developer`);
  await page.locator("#reg-name").fill("Dana Utvecklare");
  await page.locator("#reg-email").fill(`dana.${stamp}@example.se`);
  await page.locator("#reg-company").fill("Brygga AB");
  await page.getByRole("checkbox", { name: /ändringspolicy/ }).check();
  await page.getByRole("button", { name: "Registrera dig som utvecklare" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/Välkommen, Dana Utvecklare/);
  await expectAccessible(page);
  await page.goto(`${SANDBOX}/developer?lang=en`);
  await expectAccessible(page);
  await page.goto(`${SANDBOX}/developer?lang=sv`);

  // 2. Create the app: Brygga's redirect URI and landing page, the scopes it asks for.
  await page.getByRole("link", { name: "Skapa app" }).first().click();
  await expectAccessible(page);
  await page.getByLabel("Namn", { exact: true }).fill(`Brygga ${stamp}`);
  await page.getByLabel("Beskrivning").fill("Fakturor, kunder och artiklar från Fortnox – snabbt och sökbart.");
  await page.getByLabel("Redirect-URI:er").fill(`${BRYGGA}/api/auth/callback/fortnox`);
  await page.getByLabel("Landningssida (URL)").fill(`${BRYGGA}/activate`);
  for (const scope of SCOPES) await page.locator(`input[name="scopes"][value="${scope}"]`).check();
  await page.getByRole("button", { name: "Skapa app" }).click();
  await expect(page).toHaveURL(/\/developer\/apps\/[^/]+$/);
  const clientId = (await page.locator("dl.kv dd code").first().innerText()).trim();
  const secret = page.locator("#secret-once code");
  await expect(secret).not.toBeEmpty();
  const clientSecret = (await secret.innerText()).trim();
  expect(clientId).not.toBe("");

  // 3. Brygga, configured with the app's credentials.
  const dataDir = path.join(ROOT, ".data", "e2e-journey");
  rmSync(dataDir, { recursive: true, force: true });
  const adminUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  const brygga = await startPortal({
    port: PORT,
    sandboxPort: 4100,
    dataDir,
    app: { clientId, clientSecret },
    databaseUrl: adminUrl ? await freshDatabase(adminUrl) : undefined,
    // The shared e2e sandbox runs Fortnox's window 20× faster; Brygga is told the same.
    portalEnv: { FORTNOX_RATE_LIMIT: "25/250" },
  });
  try {
    // 4. A test database, named so the App Market's company list shows it.
    await page.getByRole("link", { name: "Testdatabaser" }).click();
    await page.getByLabel("Företagsnamn (valfritt)").fill(companyName);
    await page.getByRole("radio", { name: /^Minimalt/ }).check();
    await page.getByRole("button", { name: "Skapa testdatabas" }).click();
    await expect(page.getByText(companyName).first()).toBeVisible();
    await expectAccessible(page);

    // 5. Publish as purchasable.
    await page.goto(`${SANDBOX}/developer/apps/${encodeURIComponent(clientId)}`);
    await page.getByRole("radio", { name: "Köpbar" }).check();
    await page.getByLabel("Månadspris (kr, exkl. moms)").fill("199");
    await page.getByRole("button", { name: "Publicera" }).click();
    await expect(page.getByRole("link", { name: "Visa på App Market" })).toBeVisible();
    await expectAccessible(page);

    // 6. The company's user buys it in the App Market and lands on Brygga's /activate.
    await page.getByRole("link", { name: "Visa på App Market" }).click();
    await expectAccessible(page);
    const company = page.locator("#buy-company");
    const option = company.locator("option", { hasText: companyName });
    const tenantId = Number(await option.getAttribute("value"));
    await company.selectOption(String(tenantId));
    await page.getByRole("button", { name: "Köp", exact: true }).click();
    await expect(page).toHaveURL(`${BRYGGA}/activate`);

    // 7. Connect through the consent page, for that company.
    await page.getByRole("button", { name: "Anslut med Fortnox" }).click();
    await decide(page, tenantId);
    await expect(page).toHaveURL(`${BRYGGA}/dashboard`);
    await expect(page.getByTestId("active-company")).toHaveText(companyName);

    // 8. The developer's statistics: one connected company, one subscription.
    await page.goto(`${SANDBOX}/developer/stats`);
    const app = page.locator(`[id="app-${clientId}"]`);
    await expect(app.locator('[data-stat="connectedCompanies"] dd')).toHaveText("1");
    await expect(app.locator('[data-stat="activeSubscriptions"] dd')).toHaveText("1");
    await expectAccessible(page);
    // The App Market's front page, in both languages.
    await page.goto(`${SANDBOX}/appmarket?lang=en`);
    await expectAccessible(page);
    await page.goto(`${SANDBOX}/appmarket?lang=sv`);
    await expect(page.getByRole("heading", { name: "Alla appar" })).toBeVisible();
    await expectAccessible(page);
  } finally {
    await brygga.stop();
  }
});
