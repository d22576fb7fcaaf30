import { expect, test } from "@playwright/test";

import { connectCompany, decide, newCompany } from "./fixtures";
import { expectAccessible, switchLanguage } from "./ui-helpers";

/*
 * The connection card says who you are and where, separately; explains the token line; shows no
 * scope "change" on a first connection. Reloading the OAuth callback while signed in lands on the
 * dashboard. Disconnecting confirms itself in an announced toast, even when the redirect goes back
 * to the page already shown.
 */

test("connection card, callback reload, disconnect confirmation", async ({ page }) => {
  test.setTimeout(360_000);
  const first = await newCompany();
  const second = await newCompany();
  const callbacks: string[] = [];
  page.on("request", (req) => {
    if (req.url().includes("/api/auth/callback/fortnox")) callbacks.push(req.url());
  });
  await connectCompany(page, first);

  const card = page.getByTestId("connection-card");
  await expect(card.getByText("Din roll", { exact: true })).toBeVisible();
  await expect(page.getByTestId("connection-role")).toHaveText(/^(Administratör|Medlem)$/);
  await expect(card.getByText("Miljö", { exact: true })).toBeVisible();
  await expect(page.getByTestId("connection-environment")).toHaveText(/^(Testdatabas|Produktion)$/);
  await expect(page.getByTestId("connection-token")).toHaveText(/^Åtkomsttoken förnyas automatiskt; (senast förnyad \d{4}-\d{2}-\d{2} \d{2}:\d{2}|den har inte behövt förnyas ännu)\.$/);
  // A first connection changed nothing: every scope is new, which is not a "change".
  await expect(page.getByTestId("scope-change")).toHaveCount(0);
  await expectAccessible(page);

  // Reloading Fortnox's redirect (the code is spent, the state cookie gone) while signed in.
  expect(callbacks.length).toBe(1);
  await page.goto(callbacks[0]!);
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByText("Säkerhetskontrollen misslyckades")).toHaveCount(0);
  await expect(page.getByTestId("connection-status")).toHaveText("Ansluten");

  // Connecting the same company again with the same scopes is no scope change either.
  await page.getByRole("button", { name: "Lägg till företag" }).first().click();
  await decide(page, first.tenantId);
  await expect(page).toHaveURL(/\/dashboard/);
  await expect(page.getByTestId("scope-change")).toHaveCount(0);

  await switchLanguage(page, "en");
  await expect(card.getByText("Your role", { exact: true })).toBeVisible();
  await expect(page.getByTestId("connection-token")).toHaveText(/^The access token renews automatically;/);
  await expectAccessible(page);
  await switchLanguage(page, "sv");

  // With two companies, disconnecting one redirects back to the dashboard: still confirmed.
  await page.getByRole("button", { name: "Lägg till företag" }).first().click();
  await decide(page, second.tenantId);
  await expect(page.getByTestId("active-company")).toHaveText(second.companyName);
  await page.getByRole("button", { name: "Koppla från", exact: true }).click();
  await page.getByRole("button", { name: "Ja, koppla från" }).click();
  await expect(page.getByTestId("active-company")).toHaveText(first.companyName);
  const region = page.locator("section[aria-live]", { has: page.getByText("Företaget har kopplats från Fortnox.") });
  await expect(region).toHaveAttribute("aria-live", "polite");
  await expect(region.getByText("Företaget har kopplats från Fortnox.")).toBeVisible();
  await expect.poll(async () => (await page.context().cookies()).some((c) => c.name === "brygga-flash")).toBe(false);
  await expectAccessible(page);
});
