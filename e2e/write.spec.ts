import { expect, test, type Page } from "@playwright/test";

import { connectCompany, control, newCompany } from "./fixtures";
import { expectAccessible } from "./ui-helpers";

/** Write-back: create and edit records in Fortnox from the portal, and see Fortnox's refusals on the right field. */


async function createCustomer(page: Page, name: string): Promise<string> {
  await page.goto("/customers/new");
  await page.getByLabel("Namn").fill(name);
  await page.getByLabel(/^Organisationsnummer/).fill("5566402276");
  await page.getByLabel("E-post").fill("info@bryggan.se");
  await page.getByRole("button", { name: "Skapa" }).click();
  await expect(page).toHaveURL(/\/customers\/(?!new$)[^/]+$/);
  return decodeURIComponent(new URL(page.url()).pathname.split("/").pop()!);
}

test("create a customer; validation and Fortnox's 'number taken' show on the right field", async ({ page }) => {
  await connectCompany(page, await newCompany());
  await page.goto("/customers/new");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ny kund");
  await expectAccessible(page);

  // Brygga's own check first: a wrong check digit never reaches Fortnox.
  await page.getByLabel("Namn").fill("Felnummer AB");
  await page.getByLabel(/^Organisationsnummer/).fill("556640-2277");
  await page.getByRole("button", { name: "Skapa" }).click();
  const orgno = page.getByLabel(/^Organisationsnummer/);
  await expect(orgno).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#f-organisationNumber-error")).toContainText("kontrollsiffran");
  await expect(page.getByRole("alert").filter({ hasText: "kunde inte sparas" })).toBeFocused();
  // What was typed survives the rejected save.
  await expect(page.getByLabel("Namn")).toHaveValue("Felnummer AB");

  const number = await createCustomer(page, "Bryggans Kaffe AB");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Bryggans Kaffe AB");

  await page.goto("/customers/new");
  await page.getByLabel(/^Kundnummer/).fill(number);
  await page.getByLabel("Namn").fill("Dubblett AB");
  await page.getByRole("button", { name: "Skapa" }).click();
  const field = page.getByLabel(/^Kundnummer/);
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#f-customerNumber-error")).toContainText("redan använt i Fortnox");
  await expect(field).toHaveAttribute("aria-describedby", /f-customerNumber-error/);

  await page.goto(`/customers/${encodeURIComponent(number)}/edit`);
  await expectAccessible(page);
  await page.getByLabel(/^Ort\b/).fill("Göteborg");
  await page.getByRole("button", { name: "Spara" }).click();
  await expect(page).toHaveURL(new RegExp(`/customers/${number}$`));
  await expect(page.getByText("Göteborg").first()).toBeVisible();
});

test("create an article and an invoice, see the totals, bookkeep it", async ({ page }) => {
  await connectCompany(page, await newCompany());
  const customer = await createCustomer(page, "Fakturakund AB");

  await page.goto("/articles/new");
  await expectAccessible(page);
  await page.getByLabel("Benämning").fill("E2E-konsulttimme");
  await page.getByLabel(/^Försäljningspris/).fill("1 000,00");
  await page.getByRole("button", { name: "Skapa" }).click();
  await expect(page).toHaveURL(/\/articles\/(?!new$)[^/]+$/);
  const article = decodeURIComponent(new URL(page.url()).pathname.split("/").pop()!);
  await page.goto(`/articles/${encodeURIComponent(article)}/edit`);
  await expectAccessible(page);
  await expect(page.getByLabel(/^Försäljningspris/)).toHaveValue("1000,00");

  await page.goto(`/invoices/new?customer=${encodeURIComponent(customer)}`);
  await expectAccessible(page);
  const row1 = page.getByRole("group", { name: "Rad 1" });
  await row1.getByLabel(/^Artikel/).fill("E2E-konsult");
  // The lookup searches the locally stored articles by description; then the number is picked.
  await expect(page.locator("datalist option", { hasText: "E2E-konsulttimme" })).toHaveCount(1);
  await row1.getByLabel(/^Artikel/).fill(article);
  await expect(row1.getByLabel("Benämning")).toHaveValue("E2E-konsulttimme");
  await row1.getByLabel("Antal").fill("2");
  await page.getByRole("button", { name: "Lägg till rad" }).click();
  const row2 = page.getByRole("group", { name: "Rad 2" });
  await row2.getByLabel("Benämning").fill("Resa");
  await row2.getByLabel(/^À-pris/).fill("500");
  await expect(page.getByTestId("total-gross")).toHaveText(/3\s125,00\s*kr/);

  // An article number typed key by key, faster than its search answers, still fills its row.
  await page.getByRole("button", { name: "Lägg till rad" }).click();
  const row3 = page.getByRole("group", { name: "Rad 3" });
  await row3.getByLabel(/^Artikel/).pressSequentially(article);
  await row3.getByLabel(/^Artikel/).press("Tab");
  await expect(row3.getByLabel("Benämning")).toHaveValue("E2E-konsulttimme");
  await expect(row3.getByLabel(/^À-pris/)).toHaveValue("1000");
  await page.getByRole("button", { name: "Ta bort rad 3" }).click();
  await expect(page.getByTestId("total-gross")).toHaveText(/3\s125,00\s*kr/);

  // A row with neither article nor account is stopped with the reason, on that row's account field.
  await page.getByRole("button", { name: "Skapa" }).click();
  await expect(row2.getByLabel(/^Konto/)).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#f-rows-1-accountNumber-error")).toContainText("fördefinierade försäljningskontot");

  await row2.getByLabel(/^Konto/).fill("3001");
  await page.getByRole("button", { name: "Skapa" }).click();
  await expect(page).toHaveURL(/\/invoices\/\d+$/);
  const documentNumber = new URL(page.url()).pathname.split("/").pop()!;

  await page.getByRole("button", { name: "Bokför" }).click();
  await expect(page.getByTestId("invoice-action-status")).toHaveText(`Faktura ${documentNumber} är bokförd.`);
  await expect(page.getByRole("button", { name: "Bokför" })).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId("invoice-booked")).toHaveText(/Ja|Yes/);

  // Crediting asks first, in the page.
  await page.getByRole("button", { name: "Kreditera" }).click();
  await expect(page.getByText(/Skapa en kreditfaktura/)).toBeFocused();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Ja, kreditera" }).click();
  await expect(page.getByTestId("invoice-action-status")).toContainText("Kreditfaktura");
  await page.getByRole("link", { name: /Visa kreditfaktura/ }).click();
  await expect(page).toHaveURL(/\/invoices\/\d+$/);
});

test("an article's edit shows its type from Fortnox, and saving a price leaves a stock item a stock item", async ({ page }) => {
  const db = await newCompany();
  await connectCompany(page, db);
  const records = await control<{ id: string; data: Record<string, unknown> }[]>("GET", `/databases/${db.tenantId}/records/articles`);
  const stock = records.find((r) => r.data.Type === "STOCK")!;
  // Article list items carry no type: the sync fetches each article in full, and the list's type filter finds it.
  await expect(async () => {
    await page.goto("/articles?type=STOCK&size=100");
    await expect(page.locator(`a[href="/articles/${encodeURIComponent(stock.id)}"]`)).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 60_000 });
  await page.goto(`/articles/${encodeURIComponent(stock.id)}`);
  await expect(page.locator("dt", { hasText: /^Typ$/ }).locator("xpath=following-sibling::dd")).toHaveText("Lagervara");

  await page.goto(`/articles/${encodeURIComponent(stock.id)}/edit`);
  await expect(page.getByLabel("Artikeltyp")).toHaveValue("STOCK");
  await page.getByLabel(/^Försäljningspris/).fill("123,45");
  await page.getByRole("button", { name: "Spara" }).click();
  await expect(page).toHaveURL(new RegExp(`/articles/${stock.id}$`));
  await expect(page.locator("dt", { hasText: /^Typ$/ }).locator("xpath=following-sibling::dd")).toHaveText("Lagervara");
  const after = await control<{ id: string; data: Record<string, unknown> }[]>("GET", `/databases/${db.tenantId}/records/articles`);
  expect(after.find((r) => r.id === stock.id)!.data).toMatchObject({ Type: "STOCK", SalesPrice: 123.45 });
});
