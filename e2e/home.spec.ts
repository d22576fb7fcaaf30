import { expect, test } from "@playwright/test";

import { expectAccessible } from "./ui-helpers";

test("the signed-out home page says what Brygga is, in Swedish by default", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Fortnox");
  await expect(page.locator("html")).toHaveAttribute("lang", "sv");
  await expectAccessible(page);
});

test("the portal has its own icon, so no browser asks for a missing /favicon.ico", async ({ page, request }) => {
  const missing: string[] = [];
  page.on("response", (res) => {
    if (res.status() >= 400) missing.push(`${res.status()} ${res.url()}`);
  });
  await page.goto("/");
  const href = await page.locator('link[rel="icon"]').first().getAttribute("href");
  expect(href).toMatch(/^\/icon\.svg/);
  const icon = await request.get(href!);
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toContain("image/svg+xml");
  await page.waitForLoadState("networkidle");
  expect(missing).toEqual([]);
});

test("English speakers get English", async ({ browser }) => {
  const context = await browser.newContext({ locale: "en-GB" });
  const page = await context.newPage();
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Your Fortnox invoices");
  await context.close();
});

test("the activation page, where an App Market customer first lands, switches language", async ({ browser }) => {
  const context = await browser.newContext({ locale: "en-US" });
  const page = await context.newPage();
  await page.goto("/activate");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Connect Brygga to your Fortnox company");
  await expect(page).toHaveTitle(/^Connect Brygga to your Fortnox company\b/);
  await page.getByTestId("locale-switch").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Anslut Brygga till ditt Fortnox-företag");
  await expect(page.locator("html")).toHaveAttribute("lang", "sv");
  await expectAccessible(page);
  await context.close();
});

test("health reports the database driver", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { data: { status: string; database: { driver: string } } };
  expect(body.data.status).toBe("ok");
  expect(["pglite", "pg"]).toContain(body.data.database.driver);
});
