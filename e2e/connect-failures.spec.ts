import { expect, test, type Page } from "@playwright/test";

import { control, decide, newCompany, sandboxApp } from "./fixtures";

const PORTAL_CALLBACK = "http://localhost:3100/api/auth/callback/fortnox";
const ALL_SCOPES = ["companyinformation", "profile", "customer", "article", "invoice", "settings"];

async function startConnect(page: Page, opts: { service?: boolean } = {}) {
  await page.goto("/activate");
  if (opts.service) await page.getByLabel(/servicekonto|service account/i).check();
  await page.getByRole("button", { name: /Anslut med Fortnox|Connect with Fortnox/ }).click();
}

async function expectFailure(page: Page, reason: string, heading: RegExp) {
  await expect(page).toHaveURL(/\/connect\/error/);
  await expect(page.locator("[data-reason]")).toHaveAttribute("data-reason", reason);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
  await expect(page.getByRole("link", { name: /Tillbaka|Back/ })).toHaveAttribute("href", "/activate");
}

async function patchApp(body: Record<string, unknown>) {
  await control("PATCH", `/apps/${sandboxApp().clientId}`, body);
}

test.afterEach(async () => {
  await patchApp({ scopes: ALL_SCOPES, redirectUris: [PORTAL_CALLBACK], serviceAccounts: true });
});

test("denied consent", async ({ page }) => {
  const db = await newCompany();
  await startConnect(page);
  await decide(page, db.tenantId, "deny");
  await expectFailure(page, "denied", /nekade|denied/i);
});

test("state mismatch", async ({ page }) => {
  const db = await newCompany();
  // A forged or replayed callback: Fortnox's redirect arrives with a state this browser never sent.
  await page.route(/\/oauth-v1\/auth\/decision/, async (route) => {
    const response = await route.fetch({ maxRedirects: 0 });
    const location = new URL(response.headers().location!);
    location.searchParams.set("state", "forged-state");
    await route.fulfill({ status: 302, headers: { location: location.toString() } });
  });
  await startConnect(page);
  await decide(page, db.tenantId);
  await expectFailure(page, "state_mismatch", /Säkerhetskontrollen|security check/i);
});

test("callback without code (locked Fortnox account)", async ({ page }) => {
  const db = await newCompany({ locked: true });
  await startConnect(page);
  await decide(page, db.tenantId);
  await expectFailure(page, "locked", /utan godkännande|without approval/i);
});

test("scope not enabled for the app", async ({ page }) => {
  await patchApp({ scopes: ALL_SCOPES.filter((s) => s !== "invoice") });
  await startConnect(page);
  await expectFailure(page, "scope_mismatch", /Behörigheterna|permissions/i);
});

test("redirect URI mismatch at the token exchange", async ({ page }) => {
  const db = await newCompany();
  // Fortnox sends the customer back to the redirect URI of the authorization request; if that is not
  // the one the token exchange uses, the exchange is refused with "The redirect URI is missing or do not match".
  const other = `${PORTAL_CALLBACK}?via=old-listing`;
  await patchApp({ redirectUris: [PORTAL_CALLBACK, other] });
  await page.route(/\/oauth-v1\/auth\?/, (route) => {
    const url = new URL(route.request().url());
    url.searchParams.set("redirect_uri", other);
    return route.continue({ url: url.toString() });
  });
  await startConnect(page);
  await decide(page, db.tenantId);
  await expectFailure(page, "redirect_mismatch", /återkomstadress|return address/i);
});

test("the sandbox itself refuses an unregistered redirect URI", async ({ page }) => {
  await patchApp({ redirectUris: ["http://localhost:9/elsewhere"] });
  await startConnect(page);
  await expect(page).toHaveURL(/\/oauth-v1\/auth/);
  await expect(page.getByText(/redirect/i).first()).toBeVisible();
});

test("service account not allowed by the app", async ({ page }) => {
  await patchApp({ serviceAccounts: false });
  await startConnect(page, { service: true });
  await expectFailure(page, "service_account_not_allowed", /servicekonton|service accounts/i);
});

test("missing licence (2001101)", async ({ page }) => {
  const db = await newCompany({ licences: ["companyinformation", "profile", "customer", "article", "settings"] });
  await startConnect(page);
  await decide(page, db.tenantId);
  await expectFailure(page, "missing_licence", /Licens|licence/i);
});
