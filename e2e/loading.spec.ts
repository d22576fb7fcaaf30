import { expect, test, type Request } from "@playwright/test";

import { control } from "./fixtures";
import { connectAndSync, expectAccessible } from "./ui-helpers";

/*
 * Loading states must not cost the 404: a Suspense boundary above a detail page streams the 200
 * before the page's notFound() (why the portal-wide loading.tsx was dropped). The lists have their
 * own loading.tsx (in a `(list)` route group, wrapping nothing else); detail pages resolve the
 * record before any Suspense boundary.
 */

test("unknown and hostile record ids answer HTTP 404; real ones 200", async ({ page }) => {
  test.setTimeout(150_000);
  const db = await connectAndSync(page);
  const [customer] = await control<{ data: { CustomerNumber: string } }[]>("GET", `/databases/${db.tenantId}/records/customers`);
  const [article] = await control<{ data: { ArticleNumber: string } }[]>("GET", `/databases/${db.tenantId}/records/articles`);

  const ids = ["987654321", "0", "-1", "abc", "1e3", "%00", "%27%20OR%201%3D1--", "..%2F..%2Fapi%2Fhealth", "%3Cscript%3E", "x".repeat(300)];
  for (const route of ["invoices", "customers", "articles"]) {
    for (const id of ids) {
      // customers and articles accept any text as a number (Fortnox's are free text); 987654321 etc. just do not exist.
      const url = `/${route}/${id}`;
      const res = await page.goto(url);
      expect(res?.status(), url).toBe(404);
      await expect(page.getByTestId("not-found"), url).toBeVisible();
    }
  }
  for (const url of [`/articles/${encodeURIComponent(article!.data.ArticleNumber)}`, `/customers/${encodeURIComponent(customer!.data.CustomerNumber)}`]) {
    const res = await page.goto(url);
    expect(res?.status(), url).toBe(200);
    await expect(page.getByTestId("not-found")).toHaveCount(0);
  }
  // The customer's invoices stream in below the customer (inside the page's own Suspense boundary).
  await expect(page.getByRole("heading", { level: 2, name: /fakturor/i })).toBeVisible();
  await expect(page.getByTestId("section-loading")).toHaveCount(0);
});

test("a list shows its loading skeleton while the page's data is on its way", async ({ page }) => {
  test.setTimeout(150_000);
  await connectAndSync(page);
  // Hold the navigation's server response (not the router's prefetches, which carry the loading
  // state) until the skeleton has been seen, so what is asserted is the list's own loading UI.
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  let heldRequests = 0;
  const isPrefetch = (h: Record<string, string>) => h["next-router-prefetch"] !== undefined || h["next-router-segment-prefetch"] !== undefined;
  await page.route(
    (url) => url.pathname === "/invoices",
    async (route) => {
      const h = route.request().headers();
      if (h["rsc"] && !isPrefetch(h)) {
        heldRequests++;
        await held;
      }
      await route.continue();
    },
  );
  // Counted once the prefetch's body is done, not at its headers: under load the loading state
  // streams in after them, and a click before it is cached has no skeleton to show. The router may
  // also end a prefetch itself once it has read what it keeps (the request then "fails").
  let prefetched = 0;
  const onPrefetchDone = (request: Request) => {
    void request.response().then((r) => {
      if (new URL(request.url()).pathname === "/invoices" && isPrefetch(request.headers()) && r?.ok()) prefetched++;
    });
  };
  page.on("requestfinished", onPrefetchDone);
  page.on("requestfailed", onPrefetchDone);
  await page.goto("/dashboard");
  // The header's link prefetches the list route (its loading state included) once it is in view.
  await expect.poll(() => prefetched, { timeout: 20_000 }).toBeGreaterThan(0);
  await page.getByRole("link", { name: "Fakturor", exact: true }).click();
  const skeleton = page.getByTestId("list-loading");
  await expect(skeleton).toBeVisible();
  await expect(skeleton).toHaveAttribute("role", "status");
  await expect(skeleton).toContainText("Laddar…");
  await expectAccessible(page);
  expect(heldRequests).toBeGreaterThan(0);
  release();
  await expect(page.getByTestId("invoice-table").locator("tbody tr").first()).toBeVisible();
  await expect(skeleton).toHaveCount(0);
  await expect(page).toHaveURL(/\/invoices$/);
});
