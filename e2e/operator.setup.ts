import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

import { expect, test as setup } from "@playwright/test";

import { connectCompany, newCompany, OPERATOR_COMPANY, OPERATOR_STATE } from "./fixtures";

/*
 * The e2e portal runs in demo mode, where the first person ever to sign in becomes the operator
 * (lib/auth/config.ts). This project runs before every spec, so that person is known: their
 * signed-in browser state is what e2e/ops.spec.ts opens /ops with.
 */
setup("the first person to sign in becomes the demo's operator", async ({ page }) => {
  const company = await newCompany();
  await connectCompany(page, company);
  expect((await page.goto("/ops"))?.status()).toBe(200);
  mkdirSync(path.dirname(OPERATOR_STATE), { recursive: true });
  await page.context().storageState({ path: OPERATOR_STATE });
  writeFileSync(OPERATOR_COMPANY, JSON.stringify(company));
});
