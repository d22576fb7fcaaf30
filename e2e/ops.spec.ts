import { readFileSync } from "node:fs";

import { expect, test } from "@playwright/test";

import { connectCompany, control, newCompany, OPERATOR_COMPANY, OPERATOR_STATE, type SandboxDb } from "./fixtures";
import { expectAccessible, switchLanguage } from "./ui-helpers";

/*
 * The e2e portal runs in demo mode: the first person ever to sign in became its operator in
 * e2e/operator.setup.ts. Everyone after that gets the ordinary 404 page, even on a first visit.
 */
test.use({ storageState: OPERATOR_STATE });

test("an operator sees every company; nobody else learns /ops exists", async ({ page, browser }) => {
  const first = JSON.parse(readFileSync(OPERATOR_COMPANY, "utf8")) as SandboxDb;
  await page.goto("/ops");
  await expect(page.getByRole("heading", { name: "Anslutna företag" })).toBeVisible();

  // A second person with a company of their own: 404 on every /ops page and route, though they
  // are the first of them to look.
  const other = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const otherPage = await other.newPage();
  const second = await newCompany();
  await connectCompany(otherPage, second);
  for (const path of ["/ops", "/ops/jobs", "/ops/doctor"]) {
    const res = await otherPage.goto(path);
    expect(res?.status()).toBe(404);
  }
  expect((await otherPage.request.get("/api/ops/windows")).status()).toBe(404);
  await other.close();

  // The operator sees both companies, the other person's too, with a live window.
  await page.reload();
  const rows = page.getByTestId("ops-company");
  await expect(rows.filter({ hasText: String(first.tenantId) })).toHaveCount(1);
  await expect(rows.filter({ hasText: String(second.tenantId) })).toHaveCount(1);
  await expect(page.getByTestId(`window-${first.tenantId}`)).toHaveText(/\d+\/25/);
  await expectAccessible(page);
  await page.goto("/ops/jobs");
  await expect(page.getByTestId("ops-queue").filter({ hasText: "sync/work" })).toHaveCount(1);
  await expectAccessible(page);
  await page.goto("/ops/doctor");
  await expectAccessible(page);
  await switchLanguage(page, "en");
  await page.goto("/ops");
  await expect(page.getByRole("heading", { name: "Connected companies" })).toBeVisible();
  await expectAccessible(page);
  await page.goto("/ops/jobs");
  await expectAccessible(page);
  await page.goto("/ops/doctor");
  await expectAccessible(page);
  await switchLanguage(page, "sv");
});

test("the doctor names a missing scope and a wrong redirect URI and says how to fix each", async ({ page }) => {
  await page.goto("/ops/doctor");
  const scopes = await page.getByLabel("Behörigheter (mellanslagsseparerade)").inputValue();
  // A second, misconfigured app: the invoice scope is off and only another redirect URI is registered.
  const bad = await control<{ clientId: string; clientSecret: string }>("POST", "/apps", {
    name: "Felkonfigurerad",
    redirectUris: ["http://localhost:3100/api/auth/callback/other"],
    scopes: scopes.split(" ").filter((s) => s !== "invoice"),
  });
  await page.getByLabel("Klient-id").fill(bad.clientId);
  await page.getByLabel(/Klienthemlighet/).fill(bad.clientSecret);
  await page.getByRole("button", { name: "Kör kontrollen" }).click();
  await expect(page.getByTestId("doctor-credentials")).toHaveAttribute("data-ok", "true");
  const redirect = page.getByTestId("doctor-redirect");
  await expect(redirect).toHaveAttribute("data-ok", "false");
  await expect(redirect).toContainText("http://localhost:3100/api/auth/callback/fortnox är inte registrerad");
  await expect(redirect).toContainText("Lägg till exakt http://localhost:3100/api/auth/callback/fortnox");
  const scope = page.getByTestId("doctor-scopes");
  await expect(scope).toHaveAttribute("data-ok", "false");
  await expect(scope).toContainText("Appen saknar behörigheterna: invoice");
  await expect(scope).toContainText("Aktivera invoice");
  await expectAccessible(page);

  // Fixed in the developer portal: the same check now passes both.
  await control("PATCH", `/apps/${bad.clientId}`, { redirectUris: ["http://localhost:3100/api/auth/callback/fortnox"], scopes: scopes.split(" ") });
  await page.getByRole("button", { name: "Kör kontrollen" }).click();
  await expect(page.getByTestId("doctor-redirect")).toHaveAttribute("data-ok", "true");
  await expect(page.getByTestId("doctor-scopes")).toHaveAttribute("data-ok", "true");
});

test("an operator retries a failed job once Fortnox answers again", async ({ page }) => {
  test.setTimeout(240_000);
  const company = JSON.parse(readFileSync(OPERATOR_COMPANY, "utf8")) as SandboxDb;
  const [customer] = await control<{ data: { CustomerNumber: string } }[]>("GET", `/databases/${company.tenantId}/records/customers`);
  const number = customer!.data.CustomerNumber;
  const jobFor = (p: typeof page) => p.getByTestId("ops-failed-job").filter({ hasText: `"number": "${number}"` });

  // Brygga subscribes to a newly connected company's events as it connects (the consumer's own
  // look comes only once a minute): change the customer until a change shows in the portal (the
  // scheduled sync is an hour away, so it came in real time).
  let probe = 0;
  await expect(async () => {
    await control("PATCH", `/databases/${company.tenantId}/records/customers/${number}`, { Name: `Före omförsöket ${++probe} AB` });
    await page.goto(`/customers/${number}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Före omförsöket \d+ AB$/, { timeout: 3_000 });
  }).toPass({ timeout: 30_000, intervals: [1_000] });

  // Fortnox fails every request; the next change reaches Brygga as a real-time event, and the job
  // that fetches it runs out of attempts. (A job for one of the probes above may still have been
  // on its way when Fortnox started failing; it fails too, and is retried the same way.)
  await control("PUT", "/faults", { errorBurst: { count: 10_000, status: 503 } });
  try {
    await control("PATCH", `/databases/${company.tenantId}/records/customers/${number}`, { Name: "Efter omförsöket AB" });
    await expect(async () => {
      await page.goto("/ops/jobs?queue=sync%2Frecord");
      await expect(jobFor(page).first()).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 90_000, intervals: [2_000] });
  } finally {
    await control("PUT", "/faults", { errorBurst: { count: 0, status: 503 } });
  }
  // The error Fortnox gave (its message for the 503) is shown, for the operator to judge.
  await expect(jobFor(page).first().locator("pre").first()).toContainText(/System exception|503/);

  // Fortnox is back: the operator retries each failed job, they leave the failed list, and the change arrives.
  for (let failed = await jobFor(page).count(); failed > 0; failed = await jobFor(page).count()) {
    await jobFor(page).first().getByRole("button", { name: "Försök igen" }).click();
    await expect(page.getByRole("status")).toHaveText("Jobbet köades igen.");
    await page.goto("/ops/jobs?queue=sync%2Frecord");
  }
  await expect(async () => {
    await page.goto("/ops/jobs?queue=sync%2Frecord");
    await expect(jobFor(page)).toHaveCount(0, { timeout: 1_000 });
    await page.goto(`/customers/${number}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Efter omförsöket AB", { timeout: 1_000 });
  }).toPass({ timeout: 60_000, intervals: [2_000] });
});
