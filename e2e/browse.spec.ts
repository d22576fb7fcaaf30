import { readFileSync } from "node:fs";

import { expect, test, type Page } from "@playwright/test";

import { connectCompany, newCompany } from "./fixtures";
import { connectAndSync, expectAccessible, listSettled } from "./ui-helpers";

/*
 * Browsing synced data: lists, filters, sorting, keyset paging, details, CSV export, language and
 * accessibility. Data reaches the portal through the initial full sync that connecting starts, so
 * every test first waits for the invoice list to fill.
 */



const bodyRows = (page: Page, table: string) => page.getByTestId(table).locator("tbody tr");
const firstColumn = (page: Page, table: string) => page.getByTestId(table).locator("tbody tr > :first-child");

test("invoices: filter, sort, page forwards and back, open one", async ({ page }) => {
  test.setTimeout(120_000);
  await connectAndSync(page);
  await expect(page.getByRole("link", { name: "Fakturor", exact: true })).toHaveAttribute("aria-current", "page");
  await expectAccessible(page);

  // Sort by number, descending then ascending; the header announces the order.
  const numberHeader = page.getByRole("columnheader", { name: /^Nr/ });
  await numberHeader.getByRole("link").click();
  await expect(page).toHaveURL(/sort=number&dir=desc/);
  await expect(numberHeader).toHaveAttribute("aria-sort", "descending");
  const descending = (await firstColumn(page, "invoice-table").allInnerTexts()).map(Number);
  expect(descending).toEqual([...descending].sort((a, b) => b - a));
  await numberHeader.getByRole("link").click();
  await expect(numberHeader).toHaveAttribute("aria-sort", "ascending");
  await expect(firstColumn(page, "invoice-table").first()).toHaveText("1");

  // Keyset paging, ten at a time: forwards to the end, then back; no duplicates, no gaps.
  await page.getByLabel("Rader per sida").selectOption("10");
  await page.getByRole("button", { name: "Visa" }).click();
  await expect(page).toHaveURL(/size=10/);
  await listSettled(page);
  const seen: string[] = [];
  const pages: string[][] = [];
  for (;;) {
    await expect(bodyRows(page, "invoice-table").first()).toBeVisible();
    const numbers = await firstColumn(page, "invoice-table").allInnerTexts();
    pages.push(numbers);
    seen.push(...numbers);
    const next = page.getByRole("link", { name: /Nästa sida/ });
    if ((await next.count()) === 0) break;
    const href = (await next.getAttribute("href"))!;
    await next.click();
    // The URL changes at once and the rows follow: wait for this page's rows, not the previous page's.
    await page.waitForURL((url) => url.pathname + url.search === href);
    await listSettled(page);
    await expect(firstColumn(page, "invoice-table").first()).not.toHaveText(numbers[0]!);
  }
  expect(pages.length).toBeGreaterThan(1);
  expect(new Set(seen).size).toBe(seen.length);
  expect(seen.map(Number)).toEqual([...seen.map(Number)].sort((a, b) => a - b));
  await page.getByRole("link", { name: /Föregående sida/ }).click();
  await expect(firstColumn(page, "invoice-table")).toHaveText(pages.at(-2)!);
  await expect(page.getByRole("link", { name: /Föregående sida/ })).toHaveCount(pages.length > 2 ? 1 : 0);

  // Filter by payment state: every row shows it, and the filter survives in the URL.
  await page.goto("/invoices");
  await page.getByLabel("Status").selectOption("paid");
  await page.getByRole("button", { name: "Visa" }).click();
  await expect(page).toHaveURL(/status=paid/);
  await listSettled(page);
  const paidBadges = page.getByTestId("invoice-table").locator("tbody tr td:last-child");
  for (const text of await paidBadges.allInnerTexts()) expect(text).toContain("Betald");

  // Search by customer name (from the list itself) and open the first invoice.
  await page.goto("/invoices");
  const customerName = (await page.getByTestId("invoice-table").locator("tbody tr td:nth-child(2) a").first().innerText()).trim();
  await page.getByLabel("Sök", { exact: true }).fill(customerName.slice(0, 6));
  await page.getByRole("button", { name: "Visa" }).click();
  await expect(page).toHaveURL(/q=/);
  await listSettled(page);
  for (const name of await page.getByTestId("invoice-table").locator("tbody tr td:nth-child(2) a").allInnerTexts()) {
    expect(name.toLowerCase()).toContain(customerName.slice(0, 6).toLowerCase());
  }
  const first = firstColumn(page, "invoice-table").first();
  const number = (await first.innerText()).trim();
  await first.getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Faktura ${number}`);
  await expect(page.getByTestId("invoice-total")).toContainText("kr");
  await expect(page.getByTestId("invoice-state")).toHaveText(/Betald|Obetald|Förfallen|Krediterad|Makulerad/);
  await expectAccessible(page);
  await expect(page.getByRole("link", { name: "Fakturor", exact: true })).toHaveAttribute("aria-current", "page");

  // An invoice number that does not exist is a 404.
  const missing = await page.goto("/invoices/987654321");
  expect(missing?.status()).toBe(404);
});

test("customers and articles: search, filter, sort, open; dashboard; 375 px", async ({ page }) => {
  test.setTimeout(120_000);
  await connectAndSync(page);

  await page.goto("/customers");
  await expect(bodyRows(page, "customer-table")).not.toHaveCount(0);
  await expectAccessible(page);
  const name = (await page.getByTestId("customer-table").locator("tbody tr th a").first().innerText()).trim();
  await page.getByLabel("Sök", { exact: true }).fill(name);
  await page.getByRole("button", { name: "Visa" }).click();
  // The search navigates client-side; the first row may already match, so wait for the URL.
  await expect(page).toHaveURL(/[?&]q=/);
  await expect(page.getByTestId("customer-table").locator("tbody tr th a").first()).toHaveText(name);
  await page.getByRole("columnheader", { name: /^Namn/ }).getByRole("link").click();
  await expect(page.getByRole("columnheader", { name: /^Namn/ })).toHaveAttribute("aria-sort", "descending");
  await page.getByTestId("customer-table").locator("tbody tr th a").first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  await expect(page.getByRole("link", { name: "Redigera" })).toHaveAttribute("href", /\/customers\/[^/]+\/edit$/);
  await expect(page.getByRole("heading", { name: "Kundens fakturor" })).toBeVisible();
  await expectAccessible(page);

  await page.goto("/articles?type=SERVICE");
  await expect(page.getByLabel("Typ")).toHaveValue("SERVICE");
  for (const type of await page.getByTestId("article-table").locator("tbody tr td:nth-child(3)").allInnerTexts()) expect(type).toBe("Tjänst");
  await page.goto("/articles");
  // Sorted by number as people count (this company's ten articles are numbered 1 to 10), not as text (1, 10, 100).
  await expect(page.getByTestId("article-table").locator("tbody tr td:nth-child(1)").first()).toHaveText("1");
  expect(await page.getByTestId("article-table").locator("tbody tr td:nth-child(1)").allInnerTexts()).toEqual(["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]);
  await expectAccessible(page);
  await page.getByRole("columnheader", { name: /^Försäljningspris/ }).getByRole("link").click();
  await expect(page).toHaveURL(/sort=salesPrice&dir=desc/);
  await listSettled(page);
  const article = page.getByTestId("article-table").locator("tbody tr th a").first();
  const description = (await article.innerText()).trim();
  await article.click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(description);
  await expect(page.getByRole("link", { name: "Redigera" })).toHaveAttribute("href", /\/articles\/[^/]+\/edit$/);
  await expectAccessible(page);

  await page.goto("/dashboard");
  await expect(page.getByTestId("count-invoices")).toHaveText(/[1-9]/);
  await expect(page.getByTestId("chart-monthly").locator("table tbody tr")).toHaveCount(12);
  await expect(page.getByTestId("chart-top").locator("table tbody tr")).not.toHaveCount(0);
  await expectAccessible(page);

  // At phone width the page itself never scrolls sideways; wide tables scroll inside their region.
  await page.setViewportSize({ width: 375, height: 800 });
  for (const path of ["/dashboard", "/invoices", "/customers", "/articles"]) {
    await page.goto(path);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(375);
  }
});

test("CSV export carries the filters; other tenants and signed-out callers are refused", async ({ page, browser, playwright }) => {
  test.setTimeout(150_000);
  await connectAndSync(page);
  await page.goto("/invoices?status=unpaid&size=100");
  const shown = await page.getByTestId("invoice-table").locator("tbody tr th").count();
  const exportLink = page.getByTestId("export-csv");
  const href = (await exportLink.getAttribute("href"))!;
  expect(href).toContain("status=unpaid");
  const [download] = await Promise.all([page.waitForEvent("download"), exportLink.click()]);
  const text = readFileSync(await download.path(), "utf8");
  expect(text.startsWith("\uFEFF")).toBe(true);
  const lines = text.slice(1).split("\r\n").filter(Boolean);
  expect(lines[0]).toBe("Nr;Kundnummer;Kund;Fakturadatum;Förfallodatum;Valuta;Totalt;Restbelopp;Status;Kredit;Bokförd;OCR");
  expect(lines.length - 1).toBe(shown);
  for (const line of lines.slice(1)) expect(line).toMatch(/;"?-?\d+,\d{2}"?;/);

  const listUrl = href.replace("/export/invoices", "/invoices");
  const json = (await (await page.request.get(listUrl)).json()) as { data: { rows: unknown[] } };
  expect(json.data.rows.length).toBe(lines.length - 1);

  // Another company's user gets exactly what an unknown id gets: 404.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await connectCompany(otherPage, await newCompany());
  for (const url of [href, listUrl, "/api/connections/00000000-0000-4000-8000-000000000000/export/invoices"]) {
    const res = await otherPage.request.get(url);
    expect(res.status(), url).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("not_found");
  }
  await other.close();

  // Signed out: 401, not 403 or 404.
  const anonymous = await playwright.request.newContext({ baseURL: "http://localhost:3100" });
  const res = await anonymous.get(href);
  expect(res.status()).toBe(401);
  await anonymous.dispose();
});

test("language: switch to English from the header, remembered after reload", async ({ page }) => {
  test.setTimeout(120_000);
  await connectAndSync(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Fakturor");
  await page.getByTestId("locale-switch").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Invoices");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Invoices");
  await expect(page.getByRole("link", { name: "Customers", exact: true })).toBeVisible();
  // The write pages' titles follow the language too (the tab and what a screen reader announces first).
  await page.goto("/invoices/new");
  await expect(page).toHaveTitle(/^New invoice\b/);
  await page.goto("/dashboard");
  await expect(page.getByRole("link", { name: "Dashboard", exact: true })).toHaveAttribute("aria-current", "page");
  await page.getByTestId("locale-switch").click();
  await expect(page.getByRole("link", { name: "Översikt", exact: true })).toBeVisible();
});
