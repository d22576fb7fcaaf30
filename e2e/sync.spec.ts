import { expect, test, type Page, type Request } from "@playwright/test";

import { connectCompany, control, decide, newCompany } from "./fixtures";
import { expectAccessible } from "./ui-helpers";

/*
 * Sync controls: "Sync now" with live progress, the run list, the settings form for admins, and a
 * member refused in the UI and at the action itself (a replayed admin post with the member's session).
 */


/** The server action post a click sends, to replay it later with another session. */
async function capturePost(page: Page, click: () => Promise<void>): Promise<{ url: string; headers: Record<string, string>; body: Buffer }> {
  const [request] = await Promise.all([page.waitForRequest((r: Request) => r.method() === "POST" && r.headers()["next-action"] !== undefined), click()]);
  const h = request.headers();
  return { url: request.url(), headers: { "next-action": h["next-action"]!, "content-type": h["content-type"]!, accept: "text/x-component" }, body: request.postDataBuffer()! };
}

test("sync now, live progress to success, the run list; admin settings; a member is refused", async ({ page }) => {
  test.setTimeout(180_000);
  // Times render on the server and again in the browser; both must agree (Stockholm time).
  const hydration: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" && /hydrat|Minified React error #(418|423|425)/i.test(m.text())) hydration.push(m.text());
  });
  const db = await newCompany();
  await connectCompany(page, db);

  // Connecting started the first sync; the dashboard card follows it without a reload.
  const card = page.getByTestId("sync-status");
  await expect(card.getByTestId("sync-last-status")).toHaveText("Lyckades", { timeout: 60_000 });

  await page.getByRole("link", { name: "Synk", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Synkronisering");
  await expect(page.getByRole("link", { name: "Synk", exact: true })).toHaveAttribute("aria-current", "page");
  await expect(page.getByTestId("sync-run")).toHaveCount(1);
  // A connection's first sync lists everything, and the list says so.
  await expect(page.getByTestId("sync-run").first()).toContainText("Fullständig");
  await expect(page.getByTestId("sync-run").first()).toContainText("Anslutning");
  await expectAccessible(page);

  // Slow Fortnox down and change every invoice, so the next run has details to fetch and visibly moves.
  await control("POST", `/databases/${db.tenantId}/touch`, { resource: "invoices", count: 25 });
  await control("PUT", "/faults", { latencyMs: 600 });
  try {
    await page.evaluate(() => {
      const seen: [number, number][] = [];
      (window as unknown as { seenProgress: typeof seen }).seenProgress = seen;
      new MutationObserver(() => {
        const bar = document.querySelector('[data-testid="sync-progress-invoices"]');
        if (bar) seen.push([Number(bar.getAttribute("aria-valuenow")), Number(bar.getAttribute("aria-valuemax"))]);
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    await page.getByRole("button", { name: "Synka nu" }).click();
    await expect(page.getByTestId("sync-now-message")).toHaveText("Synken har startat.");
    const bar = page.getByRole("progressbar", { name: "Fakturor", exact: true });
    await expect(bar).toBeVisible();
    await expect(bar).toHaveAttribute("aria-valuemin", "0");
    await expect(page.getByTestId("sync-progress")).toContainText(/Kunder|Artiklar/);
    // The bar goes when the run ends; only then does the card's last run become this one (before,
    // it still showed the first sync's "Lyckades", so waiting on the text waited for nothing).
    await expect(bar).toHaveCount(0, { timeout: 60_000 });
    await expect(card.getByTestId("sync-last-status")).toHaveText("Lyckades");
    const seen = await page.evaluate(() => (window as unknown as { seenProgress: [number, number][] }).seenProgress);
    expect(seen.some(([, max]) => max >= 25)).toBe(true);
    expect(seen.every(([now, max]) => now >= 0 && now <= max)).toBe(true);
  } finally {
    await control("PUT", "/faults", {});
  }
  // The run list refreshed itself when the run ended: newest first, manual, changes only.
  const newest = page.getByTestId("sync-run").first();
  await expect(page.getByTestId("sync-run")).toHaveCount(2);
  await expect(newest).toHaveAttribute("data-status", "succeeded");
  await expect(newest).toContainText("Manuell");
  await expect(newest).toContainText("Ändringar");
  await expect(newest).toContainText("Fakturor:");

  // Settings: every field error at once, what was chosen survives, then a save that sticks.
  const form = page.getByTestId("sync-settings-form");
  for (const name of ["Kunder", "Artiklar", "Fakturor"]) await form.getByLabel(name, { exact: true }).uncheck();
  await form.getByRole("button", { name: "Spara inställningar" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "kunde inte sparas" })).toBeFocused();
  await expect(form.getByLabel("Kunder", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(form.locator("#f-resources-error")).toHaveText("Välj minst en sak att synka.");

  await form.getByLabel("Kunder", { exact: true }).check();
  await form.getByLabel("Fakturor", { exact: true }).check();
  await form.getByLabel("Hämta ändringar var").selectOption("30");
  await form.getByLabel("Full avstämning (hittar borttagna poster) var").selectOption("168");
  await form.getByLabel(/^Realtid/).uncheck();
  await form.getByLabel("Pausa schemalagda synkar").check();
  const paused = await capturePost(page, () => form.getByRole("button", { name: "Spara inställningar" }).click());
  await expect(page.getByTestId("sync-settings-saved")).toHaveText("Inställningarna är sparade.");
  await expect(card.getByTestId("sync-next")).toHaveText("Pausad – inga schemalagda synkar");
  await page.reload();
  await expect(form.getByLabel("Artiklar", { exact: true })).not.toBeChecked();
  await expect(form.getByLabel("Kunder", { exact: true })).toBeChecked();
  await expect(form.getByLabel("Hämta ändringar var")).toHaveValue("30");
  await expect(form.getByLabel("Full avstämning (hittar borttagna poster) var")).toHaveValue("168");
  await expect(form.getByLabel(/^Realtid/)).not.toBeChecked();
  await expect(form.getByLabel("Pausa schemalagda synkar")).toBeChecked();
  await expectAccessible(page);
  // Unpause again: the member's replay of the paused post below must not take effect.
  await form.getByLabel("Pausa schemalagda synkar").uncheck();
  await form.getByRole("button", { name: "Spara inställningar" }).click();
  await expect(page.getByTestId("sync-settings-saved")).toHaveText("Inställningarna är sparade.");

  // A Fortnox user who is not SysAdmin becomes a member of the same company.
  await control("POST", `/databases/${db.tenantId}/users`, { name: "Maja Medlem", email: `maja.${db.tenantId}@example.se`, sysAdmin: false });
  await page.getByRole("button", { name: "Logga ut" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/sync"));
  await page.goto("/activate");
  await page.getByRole("button", { name: /Anslut med Fortnox/ }).click();
  await decide(page, db.tenantId, "approve", /Maja Medlem/);
  await expect(page).toHaveURL(/\/dashboard/);

  await page.goto("/sync");
  const readOnly = page.getByTestId("sync-settings-readonly");
  await expect(readOnly).toContainText("Bara företagets administratörer kan ändra synkinställningarna.");
  await expect(page.getByTestId("sync-settings-form")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Spara inställningar" })).toHaveCount(0);
  await expectAccessible(page);

  // The action itself refuses the member: the admin's own post, replayed with the member's session.
  const res = await page.request.post(paused.url, { headers: paused.headers, data: paused.body });
  expect(await res.text()).toContain('"code":"forbidden"');
  await page.reload();
  await expect(readOnly.getByText("Pausa schemalagda synkar").locator("xpath=following-sibling::dd")).toHaveText("Av");
  await expect(page.getByTestId("sync-next")).not.toHaveText("Pausad – inga schemalagda synkar");

  // On a phone the wide run table scrolls inside its own region, never the page.
  await page.setViewportSize({ width: 375, height: 800 });
  for (const path of ["/sync", "/dashboard"]) {
    await page.goto(path);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(375);
  }
  expect(hydration).toEqual([]);
});

test("the first sync: the tiles follow it live, the charts come when it ends, an invoice without rows says they are being fetched, and the run is a full one", async ({ page, context }) => {
  test.setTimeout(240_000);
  const db = await newCompany({ seed: { customers: 8, articles: 10, invoices: 60, seed: 9 } });
  const invoices = await control<{ id: string; data: { InvoiceDate: string } }[]>("GET", `/databases/${db.tenantId}/records/invoices`);
  // Rows come newest first, so the oldest invoice is among the last to get its rows.
  const oldest = [...invoices].sort((a, b) => a.data.InvoiceDate.localeCompare(b.data.InvoiceDate) || Number(a.id) - Number(b.id))[0]!;
  // A slow Fortnox keeps the first sync running long enough to look at it.
  await control("PUT", "/faults", { latencyMs: 1200 });
  // What the browser's console says while the dashboard is rendered during the run (a hydration
  // mismatch is React's error #418 in a production build).
  // The sandbox's consent page on the way counts too (it once asked for a favicon it did not have).
  const consoleErrors: string[] = [];
  page.on("console", (m) => void (m.type() === "error" && consoleErrors.push(`${m.text()} (${m.location().url})`)));
  page.on("pageerror", (e) => consoleErrors.push(e.message));
  try {
    await connectCompany(page, db);
    const rows = page.getByRole("progressbar", { name: "Fakturor: rader" });
    // While the run is still fetching rows, the listing is done and the tiles already show it,
    // without a reload (the page was rendered when nothing had been listed yet, or very little).
    await expect.poll(async () => Number(await rows.getAttribute("aria-valuemax")), { timeout: 90_000 }).toBeGreaterThan(1);
    await expect(page.getByTestId("count-invoices")).toHaveText(/^Fakturor\s*60$/);
    await expect(page.getByTestId("count-customers")).toHaveText(/^Kunder\s*8$/);
    expect(Number(await rows.getAttribute("aria-valuenow"))).toBeLessThan(60);
    // The charts are drawn on the server: until the run ends they are announced, not "no invoices".
    await expect(page.getByTestId("charts-placeholder")).toHaveText("Diagrammen visas när synkroniseringen är klar.");
    expect(consoleErrors).toEqual([]);

    const tab = await context.newPage();
    await tab.goto(`/invoices/${oldest.id}`);
    const pending = tab.getByTestId("invoice-rows-pending");
    await expect(pending).toContainText("Raderna hämtas från Fortnox just nu");
    await expect(pending).toContainText(/\d+ av 60 fakturor har fått sina rader/);
    // When the run is done the page shows the rows by itself.
    await expect(tab.getByTestId("invoice-rows").locator("tbody tr").first()).toBeVisible({ timeout: 120_000 });
    await expect(pending).toHaveCount(0);
    await tab.close();
  } finally {
    await control("PUT", "/faults", {});
  }
  await expect(page.getByTestId("sync-last-status")).toHaveText("Lyckades", { timeout: 60_000 });
  // When the run ends the dashboard renders again and draws its charts, no reload.
  await expect(page.getByTestId("chart-monthly")).toBeVisible();
  await expect(page.getByTestId("charts-placeholder")).toHaveCount(0);
  await page.goto("/sync");
  await expect(page.getByTestId("sync-run").first()).toContainText("Fullständig");
});
