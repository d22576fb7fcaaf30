import { expect, test } from "@playwright/test";

import { expectAccessible } from "./ui-helpers";

test("the signed-out home page says what Brygga is, in Swedish by default", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Fortnox");
  await expect(page.locator("html")).toHaveAttribute("lang", "sv");
  await expectAccessible(page);
});

test("English speakers get English", async ({ browser }) => {
  const context = await browser.newContext({ locale: "en-GB" });
  const page = await context.newPage();
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Your Fortnox invoices");
  await context.close();
});

test("health reports the database driver", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { data: { status: string; database: { driver: string } } };
  expect(body.data.status).toBe("ok");
  expect(["pglite", "pg"]).toContain(body.data.database.driver);
});
