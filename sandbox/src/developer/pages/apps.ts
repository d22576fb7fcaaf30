import type { Sandbox } from "../../core/context";
import type { App } from "../../core/state";
import { SCOPES } from "../scopes";
import { appInfo } from "../store";

import { publicationBadge } from "./home";
import { apiForm, e, field, page, type PageContext } from "./layout";

/** /developer/apps/new and /developer/apps/:clientId: create, edit, secret, publish, delete. */

function settingsFields(ctx: PageContext, sb: Sandbox, app: App | null): string {
  const { t } = ctx;
  const info = app ? appInfo(sb.state, app.clientId) : null;
  const nullable = app ? "nullable" : undefined;
  const scopes = SCOPES.map(
    (s) => `<label class="check"><input type="checkbox" name="scopes" value="${s.scope}" data-kind="array"${app?.scopes.includes(s.scope) ? " checked" : ""}> <span>${e(t(s.sv, s.en))} <code>${s.scope}</code></span></label>`,
  ).join("");
  return `${field({ id: "app-name", name: "name", label: t("Namn", "Name"), required: true, value: app?.name, hint: t("Visas för användaren när den godkänner anslutningen.", "Shown to the user when approving the connection."), attrs: 'maxlength="100"' })}
${field({ id: "app-description", name: "description", label: t("Beskrivning", "Description"), type: "textarea", kind: "text", value: info?.description, attrs: 'maxlength="2000"' })}
${field({ id: "app-company-url", name: "companyUrl", label: t("Företagets webbadress", "Company URL"), type: "url", value: info?.companyUrl, kind: nullable, attrs: 'placeholder="https://"' })}
${field({ id: "app-redirects", name: "redirectUris", label: t("Redirect-URI:er", "Redirect URIs"), type: "textarea", kind: "lines", required: true, value: app?.redirectUris.join("\n"), hint: t("En per rad. Måste matcha exakt det appen skickar, utan avslutande snedstreck.", "One per line. Must match exactly what the app sends, without a trailing slash.") })}
<fieldset><legend>${t("Behörigheter (Fortnox moduler)", "Scopes (Fortnox modules)")}</legend><p class="hint">${t("Varje behörighet ger läs- och skrivrätt.", "Every scope grants read and write access.")}</p><div class="checks">${scopes}</div></fieldset>
<label class="check"><input type="checkbox" name="serviceAccounts"${app?.serviceAccounts ? " checked" : ""}> <span>${t("Tillåt servicekonton (godkänns endast av administratör)", "Allow service accounts (approved by an administrator only)")}</span></label>
${field({ id: "app-webhook", name: "webhookUrl", label: t("Webhook-URL", "Webhook URL"), type: "url", value: app?.webhookUrl, kind: nullable, hint: t("Får händelser när ett servicekonto godkänns eller återkallas.", "Receives events when a service account is approved or revoked.") })}
${field({ id: "app-landing", name: "landingUrl", label: t("Landningssida (URL)", "Landing page (URL)"), type: "url", value: info?.landingUrl, kind: nullable, hint: t("Dit App Market skickar kunden vid Aktivera och Köp; krävs för att publicera.", "Where the App Market sends the customer on Activate and Buy; required to publish.") })}`;
}

export function newAppPage(ctx: PageContext, sb: Sandbox): string {
  const { t } = ctx;
  return page(
    ctx,
    t("Skapa app", "Create app"),
    "apps",
    `<p><a href="/developer">← ${t("Mina appar", "My apps")}</a></p><h1>${t("Skapa app", "Create app")}</h1>
<section class="card" aria-label="${t("Appens inställningar", "App settings")}">${apiForm({
      api: "/developer/api/apps",
      method: "POST",
      then: "/developer/apps/{clientId}",
      body: `<input type="hidden" name="developerId" value="${e(ctx.developer!.id)}">${settingsFields(ctx, sb, null)}<div class="actions"><button type="submit">${t("Skapa app", "Create app")}</button></div>`,
    })}</section>`,
  );
}

function credentials(ctx: PageContext, app: App): string {
  const { t } = ctx;
  const id = encodeURIComponent(app.clientId);
  return `<section class="card" aria-labelledby="cred-h"><h2 id="cred-h">${t("Inloggningsuppgifter för API:t", "API credentials")}</h2>
<dl class="kv"><dt>Client-Id</dt><dd><code>${e(app.clientId)}</code></dd><dt>Client-Secret</dt><dd>${t("Visas bara när den skapas.", "Only shown when it is generated.")}</dd></dl>
<div id="secret-once" class="notice" data-client="${e(app.clientId)}" hidden role="status"><p><strong>${t("Ny Client-Secret – kopiera den nu, den visas bara en gång:", "New Client-Secret – copy it now, it is shown only once:")}</strong></p><p><code></code></p></div>
${apiForm({
  api: `/developer/api/apps/${id}/secret`,
  method: "POST",
  confirm: t("Den nuvarande Client-Secret slutar fungera direkt.", "The current Client-Secret stops working at once."),
  confirmOk: t("Generera", "Generate"),
  body: `<div class="actions"><button type="submit" class="secondary">${t("Generera ny Client-Secret", "Generate new Client-Secret")}</button></div>`,
})}</section>`;
}

function market(ctx: PageContext, sb: Sandbox, app: App): string {
  const { t } = ctx;
  const id = encodeURIComponent(app.clientId);
  const pub = appInfo(sb.state, app.clientId).publication;
  const price = pub?.monthlyPriceOre ? String(pub.monthlyPriceOre / 100) : "";
  const unpublish = pub
    ? apiForm({ api: `/developer/api/apps/${id}/unpublish`, method: "POST", body: `<div class="actions"><a href="/appmarket/apps/${id}">${t("Visa på App Market", "View on the App Market")}</a><button type="submit" class="danger">${t("Avpublicera", "Unpublish")}</button></div>` })
    : "";
  return `<section class="card" aria-labelledby="market-h"><h2 id="market-h">App Market</h2><p>${publicationBadge(ctx, sb, app)}</p>
<p class="hint">${t("Aktiverbar: du säljer appen själv och kunden aktiverar den via din landningssida. Köpbar: Fortnox säljer appen som en månadsprenumeration och du får 75 % av det kunden betalar.", "Activatable: you sell the app yourself and the customer activates it on your landing page. Purchasable: Fortnox sells it as a monthly subscription and you receive 75 % of what the customer pays.")}</p>
${apiForm({
  api: `/developer/api/apps/${id}/publish`,
  method: "POST",
  body: `<fieldset data-mode-group><legend>${t("Publiceringssätt", "Publishing mode")}</legend>
<label class="check"><input type="radio" name="mode" value="activatable"${pub?.mode !== "purchasable" ? " checked" : ""}> <span>${t("Aktiverbar", "Activatable")}</span></label>
<label class="check"><input type="radio" name="mode" value="purchasable"${pub?.mode === "purchasable" ? " checked" : ""}> <span>${t("Köpbar", "Purchasable")}</span></label>
<div data-when="purchasable">${field({ id: "pub-price", name: "monthlyPrice", label: t("Månadspris (kr, exkl. moms)", "Monthly price (SEK, excl. VAT)"), type: "number", kind: "number", value: price, attrs: 'min="1" max="100000" step="0.01" inputmode="decimal"' })}</div></fieldset>
<div class="actions"><button type="submit">${pub ? t("Uppdatera publicering", "Update publication") : t("Publicera", "Publish")}</button></div>`,
})}${unpublish}</section>`;
}

export function appPage(ctx: PageContext, sb: Sandbox, app: App): string {
  const { t } = ctx;
  const id = encodeURIComponent(app.clientId);
  return page(
    ctx,
    app.name,
    "apps",
    `<p><a href="/developer">← ${t("Mina appar", "My apps")}</a></p><h1>${e(app.name)}</h1>
<p><a href="/developer/stats#app-${e(app.clientId)}">${t("Statistik för appen", "Statistics for the app")}</a></p>
${credentials(ctx, app)}
<section class="card" aria-labelledby="settings-h"><h2 id="settings-h">${t("Inställningar", "Settings")}</h2>${apiForm({
      api: `/developer/api/apps/${id}`,
      method: "PATCH",
      body: `${settingsFields(ctx, sb, app)}<div class="actions"><button type="submit">${t("Spara", "Save")}</button></div>`,
    })}</section>
${market(ctx, sb, app)}
<section class="card" aria-labelledby="delete-h"><h2 id="delete-h">${t("Radera appen", "Delete the app")}</h2><p>${t("Appen försvinner från App Market och dess nycklar slutar fungera.", "The app leaves the App Market and its credentials stop working.")}</p>
${apiForm({ api: `/developer/api/apps/${id}`, method: "DELETE", then: "/developer", confirm: t(`Radera appen ${app.name}?`, `Delete the app ${app.name}?`), body: `<div class="actions"><button type="submit" class="danger">${t("Radera app", "Delete app")}</button></div>` })}</section>`,
  );
}
