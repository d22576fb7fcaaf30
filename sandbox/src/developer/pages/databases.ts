import type { Sandbox } from "../../core/context";
import { MAX_DATABASES } from "../../core/state";
import type { TestDatabase } from "../../core/types";
import { SEED_SIZES } from "../../seed/seed-sizes";
import { databasesOf } from "../developers";
import { portalOf } from "../store";

import { apiForm, e, field, number, page, type PageContext } from "./layout";

/** /developer/databases: the developer's test databases (at most 30), credentials, users, reset, delete. */

function createForm(ctx: PageContext, count: number): string {
  const { t } = ctx;
  const sizes = (Object.keys(SEED_SIZES) as (keyof typeof SEED_SIZES)[])
    .map((k) => {
      const s = SEED_SIZES[k];
      const text = k === "empty" ? t("Tom (ingen data)", "Empty (no data)") : `${k} – ${number(ctx, s.customers)} ${t("kunder", "customers")}, ${number(ctx, s.articles)} ${t("artiklar", "articles")}, ${number(ctx, s.invoices)} ${t("fakturor", "invoices")}`;
      return `<option value="${k}"${k === "small" ? " selected" : ""}>${e(text)}</option>`;
    })
    .join("");
  const full = count >= MAX_DATABASES;
  return `<section class="card" aria-labelledby="newdb-h"><h2 id="newdb-h">${t("Ny testdatabas", "New test database")}</h2>
<p>${t(`Du har ${count} av högst ${MAX_DATABASES} testdatabaser.`, `You have ${count} of at most ${MAX_DATABASES} test databases.`)}</p>
${full ? `<p class="notice">${t("Radera en testdatabas för att kunna skapa en ny.", "Delete a test database to create a new one.")}</p>` : ""}
${apiForm({
  api: "/developer/api/databases",
  method: "POST",
  body: `<input type="hidden" name="developerId" value="${e(ctx.developer!.id)}">
${field({ id: "db-name", name: "name", label: t("Företagsnamn (valfritt)", "Company name (optional)"), attrs: 'maxlength="100"', hint: t("Lämna tomt för ett påhittat svenskt företag.", "Leave empty for a made-up Swedish company.") })}
<label for="db-seed">${t("Storlek", "Size")}</label><select id="db-seed" name="seed">${sizes}</select>
<div class="actions"><button type="submit">${t("Skapa testdatabas", "Create test database")}</button></div>`,
})}</section>`;
}

function databaseCard(ctx: PageContext, sb: Sandbox, db: TestDatabase): string {
  const { t } = ctx;
  const id = db.tenantId;
  const creds = portalOf(sb.state).credentials.get(id);
  const name = db.company.CompanyName;
  const users = db.users.map((u) => `<li>${e(u.name)} · ${e(u.email)}${u.sysAdmin ? ` · <span class="badge">${t("Administratör", "Administrator")}</span>` : ""}</li>`).join("");
  return `<li class="card"><h3 id="db-${id}-h">${e(name)}</h3>
<dl class="kv"><dt>TenantId</dt><dd><code>${id}</code></dd><dt>${t("Org.nr", "Org. no.")}</dt><dd>${e(db.company.OrganizationNumber)}</dd>
<dt>${t("Data", "Data")}</dt><dd>${number(ctx, db.customers.size)} ${t("kunder", "customers")}, ${number(ctx, db.articles.size)} ${t("artiklar", "articles")}, ${number(ctx, db.invoices.size)} ${t("fakturor", "invoices")}</dd></dl>
${
  creds
    ? `<div class="notice"><p><strong>${t("Inloggning till testföretaget", "Login to the test company")}</strong></p><dl class="kv"><dt>${t("Användarnamn", "Username")}</dt><dd><code>${e(creds.username)}</code></dd><dt>${t("Lösenord", "Password")}</dt><dd><code>${e(creds.password)}</code></dd></dl>
<p class="hint">${t("Välj företaget och din användare på sandlådans inloggningssida när du ansluter en app.", "Pick the company and your user on the sandbox's login page when you connect an app.")}</p></div>`
    : ""
}
<details><summary>${t("Användare", "Users")} (${db.users.length})</summary><ul>${users}</ul>
${apiForm({
  api: `/developer/api/databases/${id}/users`,
  method: "POST",
  label: t(`Lägg till användare i ${name}`, `Add a user to ${name}`),
  body: `${field({ id: `u-${id}-name`, name: "name", label: t("Namn", "Name"), required: true, attrs: 'maxlength="100"' })}
${field({ id: `u-${id}-email`, name: "email", label: t("E-post", "E-mail"), type: "email", required: true })}
<label class="check"><input type="checkbox" name="sysAdmin"> <span>${t("Administratör (SysAdmin)", "Administrator (SysAdmin)")}</span></label>
<div class="actions"><button type="submit" class="secondary">${t("Lägg till användare", "Add user")}</button></div>`,
})}</details>
<div class="actions">${apiForm({
  api: `/developer/api/databases/${id}/reset`,
  method: "POST",
  className: "inline",
  confirm: t(`Återställ ${name}? All data skapas om från början; användarna behålls.`, `Reset ${name}? All data is generated again; users are kept.`),
  confirmOk: t("Återställ", "Reset"),
  body: `<button type="submit" class="secondary">${t("Återställ", "Reset")}<span class="vh"> ${e(name)}</span></button>`,
})}${apiForm({
  api: `/developer/api/databases/${id}`,
  method: "DELETE",
  className: "inline",
  confirm: t(`Radera testdatabasen ${name}? Det går inte att ångra.`, `Delete the test database ${name}? This cannot be undone.`),
  body: `<button type="submit" class="danger">${t("Radera", "Delete")}<span class="vh"> ${e(name)}</span></button>`,
})}</div></li>`;
}

export function databasesPage(ctx: PageContext, sb: Sandbox): string {
  const { t } = ctx;
  const dbs = databasesOf(sb, ctx.developer!.id);
  return page(
    ctx,
    t("Testdatabaser", "Test databases"),
    "databases",
    `<h1>${t("Testdatabaser", "Test databases")}</h1>
<p class="lead">${t("Testföretag med realistisk svensk data för test och demo. Företagets första användare skapas med din e-postadress.", "Test companies with realistic Swedish data for tests and demos. The company's first user is created with your e-mail address.")}</p>
${createForm(ctx, dbs.length)}
<section aria-labelledby="dbs-h"><h2 id="dbs-h">${t("Mina testdatabaser", "My test databases")}</h2>
${dbs.length ? `<ul class="plain grid">${dbs.map((d) => databaseCard(ctx, sb, d)).join("")}</ul>` : `<p>${t("Inga testdatabaser ännu.", "No test databases yet.")}</p>`}</section>`,
  );
}
