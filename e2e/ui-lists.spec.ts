import { expect, test, type Page } from "@playwright/test";

import { connectAndSync, expectAccessible } from "./ui-helpers";

/*
 * Lists: result counts, keyboard use, YYYY-MM-DD date filters whatever the browser's language, and
 * the dashboard's top-customers labels. One synced company serves every check.
 */

const rowLinks = (page: Page) => page.getByTestId("invoice-table").locator("a[data-row-link]");
const count = (page: Page) => page.getByTestId("result-count");

test("counts, keyboard, date filters and chart labels, in Swedish and English", async ({ page, browser }) => {
  test.setTimeout(360_000);
  await connectAndSync(page);

  // The whole list: "1–25 av N", exact, and N is what the list really holds (walked at 100 a page).
  await page.goto("/invoices?size=100");
  await expect(count(page)).toHaveAttribute("data-exact", "true");
  const total = await rowLinks(page).count();
  await expect(count(page)).toHaveText(`1–${total} av ${total}`);
  await page.goto("/invoices?size=10");
  await expect(count(page)).toHaveText(`1–10 av ${total}`);
  await page.getByRole("link", { name: /Nästa sida/ }).click();
  await expect(count(page)).toHaveText(`11–${Math.min(20, total)} av ${total}`);
  await page.getByRole("link", { name: /Föregående sida/ }).click();
  await expect(count(page)).toHaveText(`1–10 av ${total}`);

  // A filter's count matches its rows.
  await page.goto("/invoices?status=paid&size=100");
  const paid = await rowLinks(page).count();
  await expect(count(page)).toHaveText(paid === 0 ? "Inga träffar" : `1–${paid} av ${paid}`);
  await page.goto("/invoices?q=ingen-sadan-faktura-finns");
  await expect(count(page)).toHaveText("Inga träffar");
  // The search form follows the URL: its own search keeps the typed text and the focus; a clear (or
  // any URL it did not submit) shows the URL's values, not what was typed before.
  const search = page.getByLabel("Sök", { exact: true });
  await expect(search).toHaveValue("ingen-sadan-faktura-finns");
  await search.fill("zz-ingen");
  await search.press("Enter");
  await expect(page).toHaveURL(/\?q=zz-ingen(&|$)/);
  await expect(count(page)).toHaveText("Inga träffar");
  await expect(search).toBeFocused();
  await expect(search).toHaveValue("zz-ingen");
  await page.getByRole("link", { name: "Rensa" }).click();
  await expect(page).toHaveURL(/\/invoices$/);
  await expect(count(page)).toHaveText(/^1–\d+ av \d+$/);
  await expect(search).toHaveValue("");
  for (const [path, table] of [
    ["/customers", "customer-table"],
    ["/articles", "article-table"],
  ] as const) {
    await page.goto(`${path}?size=100`);
    const rows = await page.getByTestId(table).locator("a[data-row-link]").count();
    await expect(count(page)).toHaveText(`1–${rows} av ${rows}`);
  }

  // Keyboard: "/" jumps to the search box, but not while typing in another field.
  await page.goto("/invoices");
  await page.locator("h1").click();
  await page.keyboard.press("/");
  await expect(page.getByLabel("Sök", { exact: true })).toBeFocused();
  await page.getByLabel("Kundnummer", { exact: true }).focus();
  await page.keyboard.type("1/2");
  await expect(page.getByLabel("Kundnummer", { exact: true })).toHaveValue("1/2");
  await expect(page.getByLabel("Kundnummer", { exact: true })).toBeFocused();
  await page.getByLabel("Kundnummer", { exact: true }).fill("");

  // Arrow keys move between rows (one tab stop), Home/End jump, Enter opens the row.
  const links = rowLinks(page);
  await expect(links.nth(1)).toHaveAttribute("tabindex", "-1");
  await links.first().focus();
  await page.keyboard.press("ArrowDown");
  await expect(links.nth(1)).toBeFocused();
  await expect(links.nth(1)).toHaveAttribute("tabindex", "0");
  await expect(links.first()).toHaveAttribute("tabindex", "-1");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowUp");
  await expect(links.nth(1)).toBeFocused();
  await page.keyboard.press("End");
  await expect(links.last()).toBeFocused();
  await page.keyboard.press("Home");
  await expect(links.first()).toBeFocused();
  await page.keyboard.press("ArrowDown");
  const target = (await links.nth(1).getAttribute("href"))!;
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`${target}$`));

  // Date filters are typed YYYY-MM-DD; an impossible date is explained and never submitted.
  await page.goto("/invoices");
  const from = page.getByLabel("Fakturadatum från", { exact: true });
  await expect(from).toHaveAttribute("type", "text");
  await expect(from).toHaveAttribute("placeholder", "ÅÅÅÅ-MM-DD");
  await from.fill("2026-02-30");
  await from.blur();
  await expect(from).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#f-from-error")).toHaveText("Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2026-03-15.");
  await page.getByRole("button", { name: "Visa" }).click();
  await expect(page).not.toHaveURL(/from=/);
  await from.fill("20200101");
  await from.blur();
  await expect(from).toHaveValue("2020-01-01");
  await expect(from).not.toHaveAttribute("aria-invalid", "true");
  await page.getByRole("button", { name: "Visa" }).click();
  await expect(page).toHaveURL(/from=2020-01-01/);
  await expect(page.getByRole("button", { name: "Välj Fakturadatum från i en kalender" })).toBeVisible();
  await expectAccessible(page);
  await expect(page.getByTestId("ignored-params")).toHaveCount(0);

  // An address typed or sent with values the list cannot use says which, and shows the list without them.
  await page.goto("/invoices?from=2026-13-45&size=100000&status=paid");
  const ignored = page.getByTestId("ignored-params");
  await expect(ignored).toContainText("Adressen innehöll värden som inte går att använda");
  await expect(ignored.getByRole("listitem")).toHaveText(["Fakturadatum från: ”2026-13-45”", "Rader per sida: ”100000”"]);
  await expect(page.getByLabel("Fakturadatum från", { exact: true })).toHaveValue("");
  await expect(page.getByTestId("result-count")).toHaveText(/^1–\d+ av \d+$/);
  await expectAccessible(page);
  // A range that ends before it starts is used, and says why nothing matches.
  await page.goto("/invoices?from=2026-06-01&to=2026-01-01");
  await expect(page.getByTestId("ignored-params")).toHaveText("Fakturadatum från (2026-06-01) ligger efter fakturadatum till (2026-01-01), så ingen faktura kan matcha. Byt plats på datumen.");

  // An English browser still sees and types YYYY-MM-DD (a native date input would show mm/dd/yyyy).
  const english = await browser.newContext({ locale: "en-US", storageState: await page.context().storageState() });
  const en = await english.newPage();
  await en.goto("/invoices?from=2020-01-01&size=10");
  await expect(en.locator("html")).toHaveAttribute("lang", "en");
  await expect(en.getByLabel("Invoice date from", { exact: true })).toHaveValue("2020-01-01");
  await expect(en.getByLabel("Invoice date from", { exact: true })).toHaveAttribute("placeholder", "YYYY-MM-DD");
  await expect(en.getByTestId("result-count")).toHaveText(new RegExp(`^1–\\d+ of \\d+$`));
  await expectAccessible(en);
  // The next page keeps the date filter (the pager's position once had the same param name).
  const fromTotal = (await en.getByTestId("result-count").textContent())!.replace(/^.* of /, "");
  await en.getByRole("link", { name: /Next/ }).click();
  await expect(en).toHaveURL(/from=2020-01-01/);
  await expect(en.getByTestId("result-count")).toHaveText(`11–20 of ${fromTotal}`);
  await expect(en.getByLabel("Invoice date from", { exact: true })).toHaveValue("2020-01-01");
  await english.close();

  // The top-customers chart: one line per label, none overlapping the next.
  await page.goto("/dashboard");
  const ticks = page.getByTestId("chart-top").locator("text.category-tick");
  // The drawing appears once the page has hydrated and the container has been measured.
  await expect(ticks).not.toHaveCount(0, { timeout: 30_000 });
  const boxes = [];
  for (const tick of await ticks.all()) {
    expect(await tick.locator("tspan").count()).toBeLessThanOrEqual(1);
    boxes.push((await tick.boundingBox())!);
  }
  boxes.sort((a, b) => a.y - b.y);
  for (let i = 1; i < boxes.length; i++) expect(boxes[i]!.y).toBeGreaterThanOrEqual(boxes[i - 1]!.y + boxes[i - 1]!.height - 0.5);
  await expectAccessible(page);
});
