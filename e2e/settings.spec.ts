import { expect, test, type Browser, type Page } from "@playwright/test";

import { control, decide, newCompany, type SandboxDb } from "./fixtures";
import { expectAccessible, switchLanguage } from "./ui-helpers";

interface SandboxUser {
  id: string;
  name: string;
  email: string;
  sysAdmin: boolean;
}

/** Sign `user` in to the company in a browser of their own. */
async function signIn(browser: Browser, db: SandboxDb, user: SandboxUser): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto("/activate");
  await page.getByRole("button", { name: /Anslut med Fortnox|Connect with Fortnox/ }).click();
  await decide(page, db.tenantId, "approve", new RegExp(user.name));
  await expect(page).toHaveURL(/\/dashboard/);
  return page;
}

function row(page: Page, user: SandboxUser) {
  return page.getByTestId("member-row").filter({ has: page.getByText(user.email, { exact: true }) });
}

/** Reload until `check` holds (server-rendered pages that show a run's state as of the request). */
async function reloadUntil(page: Page, check: () => Promise<void>, timeout = 90_000) {
  await expect(async () => {
    await page.reload();
    await check();
  }).toPass({ timeout, intervals: [1_000, 2_000] });
}

test("an admin makes a member a viewer and removes another; members never see the console", async ({ browser }) => {
  test.setTimeout(240_000);
  const db = await newCompany();
  const { users } = await control<{ users: SandboxUser[] }>("GET", `/databases/${db.tenantId}`);
  const sysAdmin = users.find((u) => u.sysAdmin)!;
  const member = users.find((u) => !u.sysAdmin)!;
  const leaver = await control<SandboxUser>("POST", `/databases/${db.tenantId}/users`, { name: "Lämnar Lind", email: "lamnar@example.se" });

  const admin = await signIn(browser, db, sysAdmin);
  const memberPage = await signIn(browser, db, member);
  const leaverPage = await signIn(browser, db, leaver);

  // A member is told nothing exists, and has no link to it.
  for (const path of ["/settings", "/settings/members", "/ops"]) expect((await memberPage.goto(path))?.status()).toBe(404);
  await memberPage.goto("/dashboard");
  await expect(memberPage.getByRole("link", { name: "Inställningar" })).toHaveCount(0);

  // The member opens a form; meanwhile the admin makes them a viewer.
  await memberPage.goto("/customers/new");
  await memberPage.getByLabel("Namn").fill("Läsarens kund AB");

  await admin.getByRole("link", { name: "Inställningar" }).click();
  await admin.getByRole("link", { name: "Medlemmar" }).click();
  await expect(admin).toHaveURL(/\/settings\/members$/);
  await expectAccessible(admin);
  const target = row(admin, member);
  await target.getByLabel(`Roll för ${member.name}`).selectOption("viewer");
  await target.getByRole("button", { name: "Spara roll" }).click();
  await expect(target.getByRole("status")).toHaveText("Rollen har ändrats.");
  await expect(target.getByTestId("member-role")).toHaveText("Läsare");

  // The viewer's next write is refused, saying why.
  await memberPage.getByRole("button", { name: "Skapa" }).click();
  await expect(memberPage.getByText("Du har bara läsbehörighet i det här företaget och kan inte ändra något.")).toBeVisible();
  await expect(memberPage).toHaveURL(/\/customers\/new$/);

  // Removal ends the removed person's open session at once.
  const gone = row(admin, leaver);
  await gone.getByRole("button", { name: `Ta bort åtkomst för ${leaver.name}` }).click();
  await gone.getByRole("button", { name: "Ta bort åtkomst" }).click();
  await expect(row(admin, leaver)).toHaveCount(0);
  await leaverPage.goto("/dashboard");
  await expect(leaverPage).toHaveURL(/\/activate/);

  // The last admin is kept.
  const self = row(admin, sysAdmin);
  await self.getByLabel(`Roll för ${sysAdmin.name}`).selectOption("member");
  await self.getByRole("button", { name: "Spara roll" }).click();
  await expect(self.getByRole("alert")).toHaveText(/minst en administratör/);

  await switchLanguage(admin, "en");
  await expect(admin.getByRole("heading", { name: "Members" })).toBeVisible();
  await expectAccessible(admin);
  await admin.goto("/settings");
  await expectAccessible(admin);
  await switchLanguage(admin, "sv");
  await expectAccessible(admin);
});

test("an admin opens a failed run's page and retries it; the audit log names them; a member never sees the page", async ({ browser }) => {
  test.setTimeout(240_000);
  const db = await newCompany();
  const { users } = await control<{ users: SandboxUser[] }>("GET", `/databases/${db.tenantId}`);
  const sysAdmin = users.find((u) => u.sysAdmin)!;
  const member = users.find((u) => !u.sysAdmin)!;
  const admin = await signIn(browser, db, sysAdmin);

  // The connect sync ends; then Fortnox fails every request for a while and the next run fails.
  await admin.goto("/sync");
  const newest = admin.getByTestId("sync-run").first();
  await reloadUntil(admin, () => expect(newest).toHaveAttribute("data-status", "succeeded", { timeout: 1_000 }));
  await control("PUT", "/faults", { errorBurst: { count: 60, status: 503 } });
  try {
    await admin.getByRole("button", { name: "Synka nu" }).click();
    await expect(admin.getByTestId("sync-now-message")).toHaveText("Synken har startat.");
    await reloadUntil(admin, () => expect(newest).toHaveAttribute("data-status", "failed", { timeout: 1_000 }));
  } finally {
    await control("PUT", "/faults", {});
  }

  await newest.getByTestId("sync-run-link").click();
  await expect(admin).toHaveURL(/\/sync\/runs\/[0-9a-f-]{36}$/);
  const failedPath = new URL(admin.url()).pathname;
  await expect(admin.getByTestId("run-status")).toHaveAttribute("data-status", "failed");
  await expect(admin.getByTestId("run-error")).toContainText("fortnox_unavailable");
  // The listing that met the 503s is there with its requests and retries, and the timeline tells the story.
  const listing = admin.getByTestId("run-phase").filter({ hasText: "Listning" }).first();
  await expect(listing).toBeVisible();
  await expect(admin.getByTestId("run-event").first()).toHaveText(/Köad \(Manuell\)/);
  await expect(admin.getByTestId("run-event").nth(1)).toHaveText(/Startad av arbetaren/);
  await expect(admin.getByTestId("run-event").last()).toHaveText(/Misslyckades \(fortnox_unavailable\)/);
  await expectAccessible(admin);
  await switchLanguage(admin, "en");
  await expect(admin.getByRole("heading", { name: "Timeline" })).toBeVisible();
  await expect(admin.getByTestId("run-event").last()).toHaveText(/Failed \(fortnox_unavailable\)/);
  await expectAccessible(admin);
  await switchLanguage(admin, "sv");

  // A member: neither the run page nor the consoles exist, and the run list links nowhere.
  const memberPage = await signIn(browser, db, member);
  for (const path of [failedPath, "/settings/members", "/ops"]) expect((await memberPage.goto(path))?.status()).toBe(404);
  await memberPage.goto("/sync");
  await expect(memberPage.getByTestId("sync-run").first()).toBeVisible();
  await expect(memberPage.getByTestId("sync-run-link")).toHaveCount(0);
  // Hostile or unknown run ids are the same 404, never an error page.
  for (const id of ["not-a-run", "00000000-0000-0000-0000-000000000000", "%27%20or%201%3D1"]) expect((await admin.goto(`/sync/runs/${id}`))?.status()).toBe(404);

  // Retry: the new run's page, which finishes this time.
  await admin.goto(failedPath);
  // Fortnox answers slowly for a while, so the new run is still open when its page first renders.
  await control("PUT", "/faults", { latencyMs: 400 });
  try {
    await admin.getByRole("button", { name: "Försök igen" }).click();
    await expect(admin).not.toHaveURL(new RegExp(`${failedPath}$`));
    await expect(admin).toHaveURL(/\/sync\/runs\/[0-9a-f-]{36}$/);
    await expect(admin.getByText("Det här är ett nytt försök efter en misslyckad synk.")).toBeVisible();
    await expect(admin.getByTestId("run-status")).toHaveAttribute("data-status", /^(queued|running)$/);
  } finally {
    await control("PUT", "/faults", {});
  }
  // The page follows the open run by itself: no reload between "queued"/"running" and "succeeded".
  await expect(admin.getByTestId("run-status")).toHaveAttribute("data-status", "succeeded", { timeout: 60_000 });
  await expect(admin.getByTestId("run-event").first()).toHaveText(/Köad som ett nytt försök/);
  await expectAccessible(admin);
  // The failed run now points at its retry and offers no second one.
  await admin.getByRole("link", { name: "Visa den misslyckade synken" }).click();
  await expect(admin).toHaveURL(new RegExp(`${failedPath}$`));
  await expect(admin.getByRole("link", { name: "Visa det nya försöket" })).toBeVisible();
  await expect(admin.getByRole("button", { name: "Försök igen" })).toHaveCount(0);
  await expect(admin.getByTestId("run-event").last()).toHaveText(new RegExp(`Ett nytt försök köades av ${sysAdmin.name}`));

  // The audit log, filtered to retries, names who did it. (Its CSV export is asserted with the export itself.)
  await admin.goto("/settings/audit");
  await admin.getByRole("combobox", { name: "Händelse" }).selectOption({ label: "Synk försökt igen" });
  await admin.getByRole("button", { name: "Filtrera", exact: true }).click();
  await expect(admin).toHaveURL(/type=sync\.run_retried/);
  await expect(admin.getByTestId("audit-row")).toHaveCount(1);
  await expect(admin.getByTestId("audit-row")).toContainText(sysAdmin.name);
});
