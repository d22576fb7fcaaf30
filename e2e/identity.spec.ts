import { expect, request, test } from "@playwright/test";

import { connectCompany, control, decide, newCompany, type SandboxDb } from "./fixtures";

const PORTAL = "http://localhost:3100";

interface SandboxUser {
  id: string;
  name: string;
  email: string;
  sysAdmin: boolean;
}

test("a session cookie captured before sign-out is refused after it, on JSON routes and pages", async ({ page, context }) => {
  const db = await newCompany();
  await connectCompany(page, db);
  const connectionId = await page.locator('input[name="connectionId"]').first().getAttribute("value");
  expect(connectionId).toMatch(/^[0-9a-f-]{36}$/);
  const cookie = (await context.cookies(PORTAL)).map((c) => `${c.name}=${c.value}`).join("; ");

  // The captured cookie replayed from elsewhere (no browser, no shared state).
  const replay = await request.newContext({ baseURL: PORTAL, extraHTTPHeaders: { cookie } });
  try {
    const before = await replay.get(`/api/connections/${connectionId}/invoices`);
    expect(before.status()).toBe(200);

    await page.getByRole("button", { name: /Logga ut|Sign out/ }).click();
    await expect(page).not.toHaveURL(/\/dashboard/);

    const json = await replay.get(`/api/connections/${connectionId}/invoices`);
    expect(json.status()).toBe(401);
    expect(((await json.json()) as { error: { code: string } }).error.code).toBe("unauthenticated");
    const pageRes = await replay.get("/dashboard", { maxRedirects: 0 });
    expect(pageRes.status()).toBeGreaterThanOrEqual(300);
    expect(pageRes.status()).toBeLessThan(400);
    expect(pageRes.headers()["location"]).toMatch(/\/activate/);
  } finally {
    await replay.dispose();
  }
});

test("another company's SysAdmin given a user's e-mail signs in as themselves and sees only their own company", async ({ page, browser }) => {
  const first = await newCompany();
  const second: SandboxDb & { users?: SandboxUser[] } = await newCompany();
  const victim = (await control<{ users: SandboxUser[] }>("GET", `/databases/${first.tenantId}`)).users.find((u) => !u.sysAdmin)!;
  await page.goto("/activate");
  await page.getByRole("button", { name: /Anslut med Fortnox|Connect with Fortnox/ }).click();
  await decide(page, first.tenantId, "approve", new RegExp(victim.name));
  await expect(page).toHaveURL(/\/dashboard/);
  await expect(page.getByTestId("active-company")).toHaveText(first.companyName);

  const attacker = (await control<{ users: SandboxUser[] }>("GET", `/databases/${second.tenantId}`)).users.find((u) => u.sysAdmin)!;
  await control("PATCH", `/databases/${second.tenantId}/users/${attacker.id}`, { email: victim.email, name: victim.name });
  const other = await browser.newContext();
  try {
    const attackerPage = await other.newPage();
    await connectCompany(attackerPage, second);
    await expect(attackerPage.getByTestId("active-company")).toHaveText(second.companyName);
    await expect(attackerPage.getByLabel(/Byt företag|Switch company/)).toHaveCount(0);
  } finally {
    await other.close();
  }

  await page.reload();
  await expect(page.getByTestId("active-company")).toHaveText(first.companyName);
  await expect(page.getByLabel(/Byt företag|Switch company/)).toHaveCount(0);
});
