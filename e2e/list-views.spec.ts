import { expect, test, type Page, type Request } from "@playwright/test";

import { connectAndSync, expectAccessible, listSettled } from "./ui-helpers";

/*
 * A list's pages, sorts and filters change only its URL and fetch their rows as JSON
 * (components/browse/list-results.tsx): no render of the route per view. What that must keep:
 * the same rows and counts as a full page load of the URL, the back and forward buttons, a failure
 * the user can see and retry, and a session that ended taking the user to sign in.
 */

const numbers = (page: Page) => page.getByTestId("invoice-table").locator("tbody tr > :first-child").allInnerTexts();
const isListJson = (url: URL) => /^\/api\/connections\/[^/]+\/invoices$/.test(url.pathname);
const isRouteRender = (r: Request) => new URL(r.url()).pathname === "/invoices" && r.headers()["rsc"] === "1" && !r.headers()["next-router-prefetch"];

test("pages, sorts and filters come as JSON; back and forward; a failed fetch shows and retries; an ended session signs in", async ({ page }) => {
  test.setTimeout(180_000);
  await connectAndSync(page);
  const problems: string[] = [];
  page.on("pageerror", (e) => problems.push(e.message));
  // Chromium logs every failed response as "Failed to load resource" without its URL; those are
  // collected with their URLs below, so the list's own requests are what the assertion names.
  page.on("console", (m) => {
    if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) problems.push(m.text());
  });
  const failed: string[] = [];
  page.on("response", (r) => {
    if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
  });
  const renders: string[] = [];
  page.on("request", (r) => {
    if (isRouteRender(r)) renders.push(r.url());
  });

  await page.goto("/invoices?size=10");
  const first = await numbers(page);
  const total = Number((await page.getByTestId("result-count").innerText()).match(/av ([\d\s\u00a0]+)$/)![1]!.replace(/\D/g, ""));
  expect(total).toBeGreaterThan(10);

  // Next page: one JSON request, the next ten rows, the count moves on.
  const fetched = page.waitForResponse((r) => isListJson(new URL(r.url())));
  await page.getByRole("link", { name: /Nästa sida/ }).click();
  const reply = await fetched;
  expect(reply.status()).toBe(200);
  expect(reply.headers()["content-type"]).toContain("application/json");
  expect(new URL(reply.url()).searchParams.get("size")).toBe("10");
  await listSettled(page);
  const second = await numbers(page);
  expect(second).toHaveLength(10);
  expect(second.filter((n) => first.includes(n))).toEqual([]);
  await expect(page.getByTestId("result-count")).toHaveText(`11–20 av ${total}`);

  // Back and forward show each page's own rows again, and the form follows the URL.
  await page.goBack();
  await listSettled(page);
  expect(await numbers(page)).toEqual(first);
  await expect(page.getByTestId("result-count")).toHaveText(`1–10 av ${total}`);
  await page.goForward();
  await listSettled(page);
  expect(await numbers(page)).toEqual(second);
  // Out to an invoice and back: the list is on the page it was left on.
  await page.getByTestId("invoice-table").locator("tbody tr a[data-row-link]").first().click();
  await expect(page).toHaveURL(/\/invoices\/\d+$/);
  await page.goBack();
  await listSettled(page);
  expect(await numbers(page)).toEqual(second);
  await expect(page.getByTestId("result-count")).toHaveText(`11–20 av ${total}`);

  // A filter and a sort: the rows are the server's for that URL (checked against a full page load).
  await page.getByLabel("Status").selectOption("paid");
  await page.getByRole("button", { name: "Visa" }).click();
  await expect(page).toHaveURL(/status=paid/);
  await listSettled(page);
  await page.getByRole("columnheader", { name: /^Nr/ }).getByRole("link").click();
  await expect(page).toHaveURL(/sort=number&dir=desc/);
  await listSettled(page);
  const sortedPaid = await numbers(page);
  const countText = await page.getByTestId("result-count").innerText();
  expect(renders).toEqual([]);
  expect(problems).toEqual([]);
  expect(failed.filter((f) => isListJson(new URL(f.slice(4))) || new URL(f.slice(4)).pathname === "/invoices")).toEqual([]);
  if (failed.length > 0) console.log(`responses over 400 outside the list: ${failed.join(", ")}`);
  const url = page.url();
  await page.goto(url);
  expect(await numbers(page)).toEqual(sortedPaid);
  await expect(page.getByTestId("result-count")).toHaveText(countText);
  await expectAccessible(page);

  // A failed fetch: the rows shown stay, an alert says so, and "Försök igen" fetches again.
  let failing = true;
  await page.route(isListJson, (route) => (failing ? route.fulfill({ status: 500, contentType: "application/json", body: '{"error":{"code":"internal"}}' }) : route.continue()));
  await page.getByRole("columnheader", { name: /^Nr/ }).getByRole("link").click();
  await expect(page).toHaveURL(/sort=number&dir=asc/);
  await expect(page.getByTestId("list-error")).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId("list-error")).toHaveAttribute("role", "alert");
  expect(await numbers(page)).toEqual(sortedPaid);
  failing = false;
  await page.getByRole("button", { name: "Försök igen" }).click();
  await listSettled(page);
  await expect(page.getByTestId("list-error")).toHaveCount(0);
  const ascending = (await numbers(page)).map(Number);
  expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
  await page.unroute(isListJson);

  // The session ends (signed out elsewhere): the next page does not show an error, it goes where
  // the server sends a visitor without a session.
  await page.context().clearCookies();
  await page.getByRole("link", { name: /Nästa sida|Föregående sida/ }).first().click();
  await expect(page).not.toHaveURL(/\/invoices/, { timeout: 15_000 });
  await expect(page.getByTestId("invoice-table")).toHaveCount(0);
});
