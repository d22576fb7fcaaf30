import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

import { connectCompany, newCompany } from "./fixtures";

/** axe, WCAG 2.1 A/AA: no serious or critical violation. */
export async function expectAccessible(page: Page) {
  // Next streams a page's metadata after its content, so on a client-side navigation the <title>
  // can land a moment after the heading a test waited for. A page that never gets a title still fails.
  await expect(page).toHaveTitle(/\S/);
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${page.url()} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}

/** Connect a fresh sandbox company and wait until its first sync has filled the invoice list. */
export async function connectAndSync(page: Page, seed = "tiny") {
  const db = await newCompany({ seed });
  await connectCompany(page, db);
  await expect(async () => {
    await page.goto("/invoices");
    await expect(page.getByTestId("invoice-table").locator("tbody tr th")).not.toHaveCount(0, { timeout: 1_000 });
  }).toPass({ timeout: 90_000, intervals: [1_000, 2_000] });
  return db;
}

/** Switch the portal's language from the header and wait for the page to be in it. */
export async function switchLanguage(page: Page, to: "sv" | "en") {
  await page.getByTestId("locale-switch").click();
  await expect(page.locator("html")).toHaveAttribute("lang", to);
}

/**
 * Waits until a list shows the rows of the URL it is on. Paging, sorting and filtering change the
 * URL at once and fetch the rows after (components/browse/list-results.tsx): a test that reads the
 * rows right after the URL changed could read the previous page's.
 */
export async function listSettled(page: Page) {
  await page.waitForFunction(() => {
    const results = document.getElementById("list-results");
    return results?.getAttribute("aria-busy") === "false" && results.dataset.search === new URLSearchParams(window.location.search).toString();
  });
}
