import { readFile } from "node:fs/promises";

import { expect, test } from "@playwright/test";

import { control } from "./fixtures";
import { connectAndSync, expectAccessible, switchLanguage } from "./ui-helpers";

/*
 * The admin's connection page, alert banner and audit export. The needs-reconnect is real: the
 * sandbox's clock moves past the refresh token's 45 days, so the next sync's refresh is refused by
 * the sandbox exactly as Fortnox refuses an expired token (docs/fortnox.md#tokens).
 */

const DAY = 24 * 3600_000;

test.afterEach(async () => {
  // The sandbox clock is shared by the whole e2e run: back to real time.
  await control("POST", "/clock", { set: new Date().toISOString() });
});

test("an admin reads the connection, sees the reconnect alert, filters the audit log and exports it", async ({ page }) => {
  test.setTimeout(240_000);
  await connectAndSync(page);

  // The connection page, reached from the settings console; axe in both languages.
  await page.goto("/settings");
  await page.getByRole("link", { name: "Anslutning" }).click();
  await expect(page).toHaveURL(/\/settings\/connection$/);
  await expect(page.getByRole("heading", { level: 1, name: "Anslutning" })).toBeVisible();
  await expect(page.getByTestId("connection-status")).toHaveText("Ansluten");
  await expect(page.getByTestId("refresh-token")).toContainText("dagar kvar av 45");
  await expect(page.getByTestId("scope-diff")).toContainText("Fortnox har beviljat precis det Brygga begär.");
  await expect(page.getByRole("button", { name: "Anslut igen" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Koppla från" })).toBeVisible();
  await expectAccessible(page);

  // A scheme that is not http(s) is refused in words; a real URL shows its secret once.
  await page.getByLabel("Webhook-adress (http eller https)").fill("javascript:alert(1)");
  await page.getByRole("button", { name: "Spara och skapa ny hemlighet" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "börjar med http:// eller https://" })).toBeVisible();
  await page.getByLabel("Webhook-adress (http eller https)").fill("http://127.0.0.1:9/brygga-larm");
  await page.getByRole("button", { name: "Spara och skapa ny hemlighet" }).click();
  await expect(page.getByTestId("webhook-secret")).toHaveText(/^whsec_/);
  await page.reload();
  await expect(page.getByTestId("webhook-secret")).toHaveCount(0);
  await expect(page.getByTestId("webhook-current")).toContainText("http://127.0.0.1:9/brygga-larm");

  await switchLanguage(page, "en");
  await expect(page.getByTestId("connection-status")).toHaveText("Connected");
  await expectAccessible(page);
  await switchLanguage(page, "sv");

  // Force a needs-reconnect: 46 days later at "Fortnox", the refresh token is dead; a sync finds out.
  await control("POST", "/clock", { advanceMs: 46 * DAY });
  await page.goto("/sync");
  await page.getByRole("button", { name: "Synka nu" }).click();
  const banner = page.getByRole("region", { name: "Larm för företaget" });
  await expect(async () => {
    await page.goto("/dashboard");
    await expect(banner.getByTestId("alert-needs_reconnect")).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 60_000, intervals: [1_000, 2_000] });
  await expectAccessible(page);
  await banner.getByTestId("alert-needs_reconnect").getByRole("link", { name: "Gå till anslutningen" }).click();
  await expect(page).toHaveURL(/\/settings\/connection$/);
  await expect(page.getByTestId("connection-status")).toHaveText("Behöver anslutas igen");
  // The webhook was tried (nothing listens on port 9): the delivery is listed, retrying.
  await expect(page.getByTestId("delivery-row").first()).toContainText("needs_reconnect");
  await switchLanguage(page, "en");
  await expect(page.getByRole("region", { name: "Alerts for the company" })).toBeVisible();
  await expectAccessible(page);
  await switchLanguage(page, "sv");

  // The audit log, filtered to the refresh failure, and the same filter exported as CSV.
  await page.goto("/settings/audit");
  await page.getByRole("combobox", { name: "Händelse", exact: true }).selectOption({ label: "Förnyelse misslyckades" });
  await page.getByRole("button", { name: "Filtrera" }).click();
  await expect(page).toHaveURL(/type=connection\.refresh_failed/);
  await expect(page.getByTestId("audit-row")).toHaveCount(1);
  await expectAccessible(page);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Exportera CSV" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^audit-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = (await readFile(await download.path(), "utf8")).replace(/^\uFEFF/, "");
  const rows = csv.split("\r\n").filter(Boolean);
  expect(rows[0]).toBe("Tid (UTC);Händelse;Händelsekod;Vem;E-post;Detaljer");
  expect(rows.slice(1)).toHaveLength(1);
  expect(rows[1]).toContain(";Förnyelse misslyckades;connection.refresh_failed;");
  await switchLanguage(page, "en");
  await expect(page.getByRole("link", { name: "Export CSV" })).toBeVisible();
  await expectAccessible(page);
  await switchLanguage(page, "sv");
});
