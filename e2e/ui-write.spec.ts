import { expect, test, type Page } from "@playwright/test";

import { expectAccessible, switchLanguage, connectAndSync } from "./ui-helpers";

/*
 * Write journeys around the browse UI: confirmations that survive the redirect (and are announced),
 * the customer's address and "Ny faktura" from their page, the customer picker, and a credit pair
 * that reads the right way round on both invoices.
 */

/** The confirmation toast: inside sonner's aria-live region, so screen readers announce it. */
async function expectConfirmation(page: Page, text: string) {
  const region = page.locator("section[aria-live]", { has: page.getByText(text) });
  await expect(region).toHaveAttribute("aria-live", "polite");
  await expect(region.getByText(text)).toBeVisible();
  // Shown once: the flash cookie is gone as soon as it was shown.
  await expect.poll(async () => (await page.context().cookies()).some((c) => c.name === "brygga-flash")).toBe(false);
}

test("customer with address, 'Ny faktura' from their page, the picker, a credit pair, confirmations", async ({ page }) => {
  test.setTimeout(360_000);
  await connectAndSync(page);

  // Create a customer: the confirmation survives the redirect to their page.
  await page.goto("/customers/new");
  await page.getByLabel("Namn").fill("Kreditkund Bryggan AB");
  await page.getByLabel(/^Adress \(/).fill("Storgatan 1");
  await page.getByLabel("Postnummer").fill("111 22");
  await page.getByLabel(/^Ort\b/).fill("Stockholm");
  await page.getByRole("button", { name: "Skapa" }).click();
  await expect(page).toHaveURL(/\/customers\/(?!new$)[^/]+$/);
  await expectConfirmation(page, "Kunden har skapats i Fortnox.");
  const number = decodeURIComponent(new URL(page.url()).pathname.split("/").pop()!);
  await expect(page.getByTestId("customer-address")).toHaveText(/Storgatan 1\s*111 22 Stockholm/);
  await expectAccessible(page);

  // Saving shows its own confirmation; a refused save shows none.
  await page.getByRole("link", { name: "Redigera" }).click();
  await page.getByLabel("E-post").fill("inte-en-adress");
  await page.getByRole("button", { name: "Spara" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "kunde inte sparas" })).toBeVisible();
  expect((await page.context().cookies()).some((c) => c.name === "brygga-flash")).toBe(false);
  await page.getByLabel("E-post").fill("ekonomi@kreditkund.se");
  await page.getByRole("button", { name: "Spara" }).click();
  await expect(page).toHaveURL(new RegExp(`/customers/${number}$`));
  await expectConfirmation(page, "Ändringarna av kunden har sparats i Fortnox.");

  // "Ny faktura" from the customer's page prefills the picker with them.
  await page.getByRole("link", { name: "Ny faktura" }).click();
  await expect(page).toHaveURL(new RegExp(`/invoices/new\\?customer=${number}$`));
  const picker = page.getByRole("combobox", { name: "Kund", exact: true });
  await expect(picker).toHaveValue(`Kreditkund Bryggan AB (${number})`);
  await expect(page.getByTestId("customer-picker-status")).toHaveText(`Vald kund: Kreditkund Bryggan AB (${number})`);
  await expectAccessible(page);

  // Search as you type: the list opens, arrows and Enter pick, and the choice is announced.
  await picker.fill("kreditkund bry");
  await expect(picker).toHaveAttribute("aria-expanded", "true");
  const option = page.getByRole("option", { name: /Kreditkund Bryggan AB/ });
  await expect(option).toBeVisible();
  await expectAccessible(page);
  await page.keyboard.press("Enter");
  await expect(picker).toHaveAttribute("aria-expanded", "false");
  await expect(picker).toHaveValue(`Kreditkund Bryggan AB (${number})`);
  await expect(page.locator('input[name="customerNumber"]')).toHaveValue(number);

  // Typing without picking posts no customer: the form says so on the picker.
  await picker.fill("ingen sådan kund");
  await expect(page.getByTestId("customer-picker-status")).toHaveText("Ingen kund matchar.");
  await page.getByRole("button", { name: "Skapa" }).click();
  await expect(picker).toHaveAttribute("aria-invalid", "true");
  await picker.fill("Kreditkund");
  await page.getByRole("option", { name: /Kreditkund Bryggan AB/ }).click();
  await expect(page.locator('input[name="customerNumber"]')).toHaveValue(number);

  const row = page.getByRole("group", { name: "Rad 1" });
  await row.getByLabel("Benämning").fill("Konsulttimme");
  await row.getByLabel(/^À-pris/).fill("1000");
  await row.getByLabel(/^Konto/).fill("3001");
  await page.getByLabel(/^Fakturadatum/).first().fill("2026-13-40");
  await page.getByLabel(/^Fakturadatum/).first().blur();
  await expect(page.locator("#f-invoiceDate-error")).toContainText("ÅÅÅÅ-MM-DD");
  await page.getByLabel(/^Fakturadatum/).first().fill("");
  await page.getByRole("button", { name: "Skapa" }).click();
  await expect(page).toHaveURL(/\/invoices\/\d+$/);
  await expectConfirmation(page, "Fakturan har skapats i Fortnox.");
  const original = new URL(page.url()).pathname.split("/").pop()!;

  // Credit it: the original is credited BY the credit invoice, which credits the original.
  await page.getByRole("button", { name: "Bokför" }).click();
  await expect(page.getByTestId("invoice-action-status")).toContainText("bokförd");
  await page.getByRole("button", { name: "Kreditera" }).click();
  await page.getByRole("button", { name: "Ja, kreditera" }).click();
  await expect(page.getByTestId("invoice-action-status")).toContainText("Kreditfaktura");
  const credit = (await page.getByRole("link", { name: /Visa kreditfaktura/ }).innerText()).match(/\d+/)![0];
  await page.reload();
  await expect(page.getByTestId("invoice-credit-pair")).toHaveText(`Krediterad av faktura ${credit}`);
  await expect(page.getByTestId("invoice-state")).toHaveText("Krediterad");
  await expect(page.getByRole("button", { name: "Kreditera" })).toHaveCount(0);
  await expectAccessible(page);
  await page.getByTestId("invoice-credit-pair").click();
  await expect(page).toHaveURL(new RegExp(`/invoices/${credit}$`));
  await expect(page.getByTestId("invoice-credit-pair")).toHaveText(`Krediterar faktura ${original}`);
  await expect(page.getByTestId("invoice-state")).not.toHaveText("Krediterad");

  // The list shows the original as credited, and the filter finds it.
  await page.goto(`/invoices?status=credited&customer=${number}`);
  await expect(page.getByTestId("invoice-table").locator("a[data-row-link]")).toHaveText([original]);
  await expect(page.getByTestId("invoice-table").locator("tbody tr td:last-child")).toContainText("Krediterad");

  await switchLanguage(page, "en");
  await page.goto(`/invoices/${original}`);
  await expect(page.getByTestId("invoice-credit-pair")).toHaveText(`Credited by invoice ${credit}`);
  await expect(page.getByTestId("invoice-state")).toHaveText("Credited");
  await expectAccessible(page);
  await page.goto(`/customers/${encodeURIComponent(number)}`);
  await expect(page.getByRole("link", { name: "New invoice" })).toBeVisible();
  await expectAccessible(page);
  await page.goto(`/invoices/new?customer=${encodeURIComponent(number)}`);
  await expect(page.getByRole("combobox", { name: "Customer", exact: true })).toHaveValue(`Kreditkund Bryggan AB (${number})`);
  await expectAccessible(page);
});
