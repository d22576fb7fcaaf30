import type { Sandbox } from "../../core/context";
import type { App } from "../../core/state";
import { appsOf } from "../developers";
import { appInfo } from "../store";

import { apiForm, e, field, page, type PageContext } from "./layout";

/** GET /developer: registration and sign-in, or the developer's apps. */

function register(ctx: PageContext): string {
  const { t } = ctx;
  return `<section class="card" aria-labelledby="reg-h"><h2 id="reg-h">${t("Registrera dig som utvecklare", "Register as a developer")}</h2>
<p>${t("Som utvecklare skapar du appar, testdatabaser och ansöker om plats på App Market.", "As a developer you create apps and test databases and apply for a place on the App Market.")}</p>
${apiForm({
  api: "/developer/api/developers",
  method: "POST",
  then: "/developer",
  extra: "data-set-developer",
  label: t("Registrering", "Registration"),
  body: `${field({ id: "reg-name", name: "name", label: t("Namn", "Name"), required: true, attrs: 'autocomplete="name" maxlength="100"' })}
${field({ id: "reg-email", name: "email", label: t("E-post", "E-mail"), type: "email", required: true, attrs: 'autocomplete="email" maxlength="200"' })}
${field({ id: "reg-company", name: "company", label: t("Företag", "Company"), required: true, attrs: 'autocomplete="organization" maxlength="100"' })}
<label class="check"><input type="checkbox" name="acceptChangePolicy" required> <span>${t("Jag godkänner Fortnox ändringspolicy för API:t", "I accept Fortnox's change policy for the API")}</span></label>
<div class="actions"><button type="submit">${t("Registrera dig som utvecklare", "Register as a developer")}</button></div>`,
})}</section>
<section class="card" aria-labelledby="login-h"><h2 id="login-h">${t("Redan registrerad?", "Already registered?")}</h2>
${apiForm({
  api: "/developer/api/developers?email={email}",
  method: "GET",
  then: "/developer",
  extra: `data-login="${e(t("Ingen utvecklare är registrerad med den e-postadressen.", "No developer is registered with that e-mail address."))}"`,
  label: t("Logga in", "Sign in"),
  body: `${field({ id: "login-email", name: "email", label: t("E-post", "E-mail"), type: "email", required: true, attrs: 'autocomplete="email"' })}
<p class="hint">${t("Sandlådan har inga lösenord för utvecklare: e-postadressen räcker.", "The sandbox has no developer passwords: the e-mail address is enough.")}</p>
<div class="actions"><button type="submit" class="secondary">${t("Logga in", "Sign in")}</button></div>`,
})}</section>`;
}

export function publicationBadge(ctx: PageContext, sb: Sandbox, app: App): string {
  const pub = appInfo(sb.state, app.clientId).publication;
  if (!pub) return `<span class="badge grey">${ctx.t("Ej publicerad", "Not published")}</span>`;
  return `<span class="badge">${pub.mode === "purchasable" ? ctx.t("Köpbar på App Market", "Purchasable on the App Market") : ctx.t("Aktiverbar på App Market", "Activatable on the App Market")}</span>`;
}

function appList(ctx: PageContext, sb: Sandbox, developerId: string): string {
  const { t } = ctx;
  const apps = appsOf(sb, developerId);
  const items = apps
    .map(
      (a) => `<li><h3><a href="/developer/apps/${encodeURIComponent(a.clientId)}">${e(a.name)}</a></h3>
<dl class="kv"><dt>Client-Id</dt><dd><code>${e(a.clientId)}</code></dd><dt>${t("Behörigheter", "Scopes")}</dt><dd>${e(a.scopes.join(", "))}</dd></dl>${publicationBadge(ctx, sb, a)}</li>`,
    )
    .join("");
  return `<section class="card" aria-labelledby="apps-h"><h2 id="apps-h">${t("Mina appar", "My apps")}</h2>
${apps.length ? `<ul class="plain">${items}</ul>` : `<p>${t("Du har inga appar ännu.", "You have no apps yet.")}</p>`}
<div class="actions"><a class="button" href="/developer/apps/new">${t("Skapa app", "Create app")}</a></div></section>`;
}

function unowned(ctx: PageContext, sb: Sandbox, developerId: string): string {
  const { t } = ctx;
  const apps = [...sb.state.apps.values()].filter((a) => appInfo(sb.state, a.clientId).developerId === null);
  if (apps.length === 0) return "";
  const items = apps
    .map(
      (a) => `<li><h3>${e(a.name)}</h3><p><code>${e(a.clientId)}</code></p>${apiForm({
        api: `/developer/api/apps/${encodeURIComponent(a.clientId)}`,
        method: "PATCH",
        then: `/developer/apps/${encodeURIComponent(a.clientId)}`,
        body: `<input type="hidden" name="developerId" value="${e(developerId)}"><button type="submit" class="secondary">${t("Lägg till i mina appar", "Add to my apps")}<span class="vh">: ${e(a.name)}</span></button>`,
      })}</li>`,
    )
    .join("");
  return `<section class="card" aria-labelledby="unowned-h"><h2 id="unowned-h">${t("Appar utan ägare", "Apps without an owner")}</h2>
<p class="hint">${t("Registrerade via kontroll-API:t (t.ex. av ett skript). Lägg till en i dina appar för att redigera, publicera och se statistik.", "Registered through the control API (e.g. by a script). Add one to your apps to edit, publish and see statistics.")}</p><ul class="plain">${items}</ul></section>`;
}

export function homePage(sb: Sandbox, ctx: PageContext): string {
  const { t } = ctx;
  const dev = ctx.developer;
  if (!dev) {
    return page(
      ctx,
      t("Utvecklarportal", "Developer portal"),
      "developer",
      `<h1>${t("Fortnox utvecklarportal", "Fortnox developer portal")}</h1>
<p class="lead">${t("Bygg integrationer mot Fortnox: registrera appar, skapa testdatabaser med svensk testdata och publicera på App Market.", "Build integrations with Fortnox: register apps, create test databases with Swedish test data and publish on the App Market.")}</p>
<div class="grid">${register(ctx)}</div>`,
    );
  }
  return page(
    ctx,
    t("Mina appar", "My apps"),
    "apps",
    `<h1>${t("Välkommen", "Welcome")}, ${e(dev.name)}</h1>
<p class="lead">${e(dev.company)} · ${e(dev.email)} · <button type="button" class="secondary" data-logout>${t("Logga ut", "Sign out")}</button></p>
<p class="hint">${t("Läge", "Mode")}: ${sb.testMode ? t("test (klocka, fel, egenheter och anropslogg påslagna)", "test (clock, faults, quirks and request log enabled)") : "demo"}. ${t("Gräns", "Rate limit")}: ${sb.rateLimit.requests} ${t("anrop", "requests")} / ${sb.rateLimit.windowMs} ms ${t("per app och företag", "per app and company")}.</p>
${appList(ctx, sb, dev.id)}${unowned(ctx, sb, dev.id)}`,
  );
}
