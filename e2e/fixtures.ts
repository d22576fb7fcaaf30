import { readFileSync } from "node:fs";
import path from "node:path";

import { expect, type Page } from "@playwright/test";

import { sandboxControl } from "@/lib/testing/sandbox";

/** The e2e stack (scripts/e2e-server.ts): portal on 3100, sandbox on 4100, data in .data/e2e. */
export const SANDBOX = "http://localhost:4100";
const ROOT = path.resolve(import.meta.dirname, "..");

export function sandboxApp(): { clientId: string; clientSecret: string } {
  return JSON.parse(readFileSync(path.join(ROOT, ".data", "e2e", "sandbox-app.json"), "utf8")) as { clientId: string; clientSecret: string };
}

export const control = sandboxControl(SANDBOX);

/** The demo-mode portal's operator: the first person to sign in (e2e/operator.setup.ts). */
export const OPERATOR_STATE = path.join(ROOT, ".data", "e2e-operator.json");
/** The company that operator connected. (Adding another would end the saved session: it is replaced.) */
export const OPERATOR_COMPANY = path.join(ROOT, ".data", "e2e-operator-company.json");

export interface SandboxDb {
  tenantId: number;
  companyName: string;
  organizationNumber?: string;
}

/** Create a fresh test database so each test owns its company. */
export async function newCompany(extra: Record<string, unknown> = {}): Promise<SandboxDb> {
  return control<SandboxDb>("POST", "/databases", { seed: "tiny", ...extra });
}

/** On the sandbox's consent page: choose the company (and the first or given user), then decide. */
export async function decide(page: Page, tenantId: number, decision: "approve" | "deny" = "approve", userName?: RegExp) {
  await expect(page).toHaveURL(/\/oauth-v1\/auth/);
  const company = page.getByLabel(/Företag|Company/);
  const value = await company.locator("option").evaluateAll(
    (opts, id) => (opts as HTMLOptionElement[]).map((o) => o.value).find((v) => v === String(id) || v.startsWith(`${id}:`)),
    tenantId,
  );
  await company.selectOption(value!);
  if (userName) {
    const user = page.getByLabel(/Användare|User/);
    // Only this company's users: seeded names repeat across companies, and another company's
    // namesake is not who this sign-in is for.
    const userValue = await user
      .locator("option")
      .evaluateAll((opts, [re, id]) => (opts as HTMLOptionElement[]).find((o) => o.dataset.tenant === id && new RegExp(re).test(o.text))?.value, [userName.source, String(tenantId)] as const);
    if (!userValue) throw new Error(`no user matching ${userName} in company ${tenantId}`);
    await user.selectOption(userValue);
  }
  await page.getByRole("button", { name: decision === "approve" ? /Godkänn|Approve/ : /Neka|Deny/ }).click();
}

export async function connectCompany(page: Page, db: SandboxDb, opts: { service?: boolean } = {}) {
  await page.goto("/activate");
  if (opts.service) await page.getByLabel(/servicekonto|service account/i).check();
  await page.getByRole("button", { name: /Anslut med Fortnox|Lägg till företag|Connect with Fortnox|Add company/ }).click();
  await decide(page, db.tenantId);
  await expect(page).toHaveURL(/\/dashboard/);
}
