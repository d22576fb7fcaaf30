import { expect, test } from "@playwright/test";

import { connectCompany, decide, newCompany } from "./fixtures";

test("activate → Fortnox consent → signed in; add a second company, switch, disconnect", async ({ page }) => {
  // Two full consent round trips and a first sync each: more than the default minute on a loaded machine.
  test.setTimeout(150_000);
  const first = await newCompany();
  const second = await newCompany();

  await page.goto("/activate");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Fortnox");
  await expect(page.getByText("invoice", { exact: true })).toBeVisible();
  await connectCompany(page, first);
  await expect(page.getByTestId("active-company")).toHaveText(first.companyName);
  await expect(page.getByTestId("active-orgno")).toHaveText(/^\d{6}-\d{4}$/);
  await expect(page.getByTestId("connection-status")).toHaveText(/Ansluten|Connected/);

  await page.getByRole("button", { name: /Lägg till företag|Add company/ }).first().click();
  await decide(page, second.tenantId);
  await expect(page).toHaveURL(/\/dashboard/);
  await expect(page.getByTestId("active-company")).toHaveText(second.companyName);

  const switcher = page.getByLabel(/Byt företag|Switch company/);
  await expect(switcher.locator("option")).toHaveCount(2);
  await switcher.selectOption((await switcher.locator("option", { hasText: first.companyName }).getAttribute("value")));
  await page.getByRole("button", { name: /^(Byt|Switch)$/ }).click();
  await expect(page.getByTestId("active-company")).toHaveText(first.companyName);

  await page.getByRole("button", { name: /^(Koppla från|Disconnect)$/ }).click();
  await page.getByRole("button", { name: /Ja, koppla från|Yes, disconnect/ }).click();
  await expect(page.getByTestId("active-company")).toHaveText(second.companyName);
  await expect(page.getByLabel(/Byt företag|Switch company/)).toHaveCount(0);
});

test("the session cookie and pages never carry a Fortnox token", async ({ page, context }) => {
  const db = await newCompany();
  const bodies: string[] = [];
  page.on("response", async (res) => {
    if (res.url().startsWith("http://localhost:3100") && /html|javascript|json|x-component/.test(res.headers()["content-type"] ?? "")) {
      bodies.push(await res.text().catch(() => ""));
    }
  });
  await connectCompany(page, db);
  await page.reload();
  const cookies = await context.cookies("http://localhost:3100");
  const everything = bodies.join("\n") + JSON.stringify(cookies);
  // Fortnox access tokens are JWTs ("eyJ…"), refresh tokens UUIDs; Auth.js's own cookie is a JWE (five dot-separated parts).
  const jwts = everything.match(/eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+(?!\.)/g) ?? [];
  expect(jwts).toEqual([]);
  expect(bodies.length).toBeGreaterThan(0);
});
