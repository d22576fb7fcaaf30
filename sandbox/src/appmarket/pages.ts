import type { Sandbox } from "../core/context";
import { apiForm, e, money, page, type PageContext } from "../developer/pages/layout";

import { listings, RECOMMENDED_MIN_CUSTOMERS, RECOMMENDED_MIN_RATING, type Listing } from "./market";

/** /appmarket and /appmarket/apps/:clientId: published apps, Aktivera/Köp and ratings. */

function stars(ctx: PageContext, l: Listing): string {
  const { t } = ctx;
  if (l.rating.average === null) return `<span>${t("Inga betyg ännu", "No ratings yet")}</span>`;
  const avg = l.rating.average.toLocaleString(ctx.lang === "en" ? "en-GB" : "sv-SE", { minimumFractionDigits: 1 });
  return `<span class="stars">★ ${avg}</span> <span>${t(`av 5 (${l.rating.count} betyg)`, `of 5 (${l.rating.count} ratings)`)}</span>`;
}

function price(ctx: PageContext, l: Listing): string {
  return l.mode === "purchasable" && l.monthlyPrice !== null ? `${money(ctx, l.monthlyPrice)} ${ctx.t("per månad", "per month")}` : ctx.t("Aktiveras hos leverantören", "Activated with the vendor");
}

function card(ctx: PageContext, l: Listing, headingLevel: 2 | 3): string {
  const h = `h${headingLevel}`;
  return `<li class="card"><${h}><a href="/appmarket/apps/${encodeURIComponent(l.clientId)}">${e(l.name)}</a></${h}>
<p class="hint">${e(l.vendor)}</p><p>${e(l.description.length > 220 ? `${l.description.slice(0, 217)}…` : l.description)}</p>
<p>${stars(ctx, l)}</p><p><strong>${price(ctx, l)}</strong></p></li>`;
}

export function marketPage(ctx: PageContext, sb: Sandbox): string {
  const { t } = ctx;
  const all = listings(sb);
  const recommended = all.filter((l) => l.recommended);
  return page(
    ctx,
    "App Market",
    "appmarket",
    `<h1>App Market</h1><p class="lead">${t("Appar som kopplar ihop Fortnox med andra system. Aktivera eller köp en app för ditt företag.", "Apps that connect Fortnox with other systems. Activate or buy an app for your company.")}</p>
<section class="card" aria-labelledby="rec-h"><h2 id="rec-h">${t("Rekommenderade appar", "Recommended apps")}</h2>
<p class="hint">${t(`Appar med minst ${RECOMMENDED_MIN_CUSTOMERS} aktiva kunder och minst ${RECOMMENDED_MIN_RATING},0 i snittbetyg.`, `Apps with at least ${RECOMMENDED_MIN_CUSTOMERS} active customers and an average rating of at least ${RECOMMENDED_MIN_RATING}.0.`)}</p>
${recommended.length ? `<ul class="plain grid">${recommended.map((l) => card(ctx, l, 3)).join("")}</ul>` : `<p>${t("Inga appar uppfyller kraven ännu.", "No app meets the requirements yet.")}</p>`}</section>
<section aria-labelledby="all-h"><h2 id="all-h">${t("Alla appar", "All apps")}</h2>
${all.length ? `<ul class="plain grid">${all.map((l) => card(ctx, l, 3)).join("")}</ul>` : `<p>${t("Inga appar är publicerade ännu.", "No apps are published yet.")}</p>`}</section>`,
  );
}

/** Company and user pickers: the sandbox's stand-in for being logged in to Fortnox as that user. */
function companyUserFields(ctx: PageContext, sb: Sandbox, prefix: string): string {
  const { t } = ctx;
  const dbs = [...sb.state.databases.values()];
  const companies = dbs.map((d) => `<option value="${d.tenantId}">${e(d.company.CompanyName)} (${e(d.company.OrganizationNumber)})</option>`).join("");
  const users = dbs.flatMap((d) => d.users.map((u) => `<option value="${e(u.id)}" data-tenant="${d.tenantId}">${e(u.name)} (${e(u.email)})</option>`)).join("");
  return `<label for="${prefix}-company">${t("Företag", "Company")}</label><select id="${prefix}-company" name="tenantId" data-kind="number" required>${companies}</select>
<label for="${prefix}-user">${t("Användare", "User")}</label><select id="${prefix}-user" name="userId" data-users-of="${prefix}-company" required>${users}</select>`;
}

function acquire(ctx: PageContext, sb: Sandbox, l: Listing): string {
  const { t } = ctx;
  if (l.mode === "activatable") {
    return `<p>${t("Appen säljs av leverantören. Aktivera den på leverantörens sida och anslut sedan ditt Fortnox-företag.", "The vendor sells this app. Activate it on the vendor's page, then connect your Fortnox company.")}</p>
<div class="actions"><a class="button" href="${e(l.landingUrl)}">${t("Aktivera", "Activate")}</a></div>`;
  }
  return `<p>${t(`Prenumerationen kostar ${price(ctx, l)} och läggs till på företagets Fortnox-abonnemang. Därefter fortsätter du till appens landningssida för att ansluta.`, `The subscription costs ${price(ctx, l)} and is added to the company's Fortnox subscription. You then continue to the app's landing page to connect.`)}</p>
${apiForm({
  api: `/developer/api/appmarket/apps/${encodeURIComponent(l.clientId)}/purchase`,
  method: "POST",
  then: "landing",
  label: t("Köp appen", "Buy the app"),
  body: `${sb.state.databases.size ? companyUserFields(ctx, sb, "buy") : `<p>${t("Det finns inga företag (testdatabaser) i sandlådan.", "There are no companies (test databases) in the sandbox.")}</p>`}<div class="actions"><button type="submit">${t("Köp", "Buy")}</button></div>`,
})}`;
}

function rating(ctx: PageContext, sb: Sandbox, l: Listing): string {
  const { t } = ctx;
  if (sb.state.databases.size === 0) return "";
  const radios = [1, 2, 3, 4, 5].map((n) => `<label class="check"><input type="radio" name="stars" value="${n}" data-kind="number"${n === 5 ? " checked" : ""}> <span>${n} ${n === 1 ? t("stjärna", "star") : t("stjärnor", "stars")}</span></label>`).join("");
  return `<section class="card" aria-labelledby="rate-h"><h2 id="rate-h">${t("Betygsätt appen", "Rate the app")}</h2>
<p class="hint">${t("En användare i ett företag som använder appen kan ge ett betyg; ett nytt betyg ersätter det förra.", "A user of a company that uses the app can rate it; a new rating replaces the previous one.")}</p>
${apiForm({
  api: `/developer/api/appmarket/apps/${encodeURIComponent(l.clientId)}/ratings`,
  method: "PUT",
  label: t("Betygsätt appen", "Rate the app"),
  body: `${companyUserFields(ctx, sb, "rate")}<fieldset><legend>${t("Betyg", "Rating")}</legend>${radios}</fieldset><div class="actions"><button type="submit" class="secondary">${t("Spara betyg", "Save rating")}</button></div>`,
})}</section>`;
}

export function marketAppPage(ctx: PageContext, sb: Sandbox, l: Listing): string {
  const { t } = ctx;
  return page(
    ctx,
    l.name,
    "appmarket",
    `<p><a href="/appmarket">← App Market</a></p><h1>${e(l.name)}</h1>
<p class="hint">${t("Leverantör", "Vendor")}: ${e(l.vendor)}${l.companyUrl ? ` · <a href="${e(l.companyUrl)}">${t("Leverantörens webbplats", "Vendor's website")}</a>` : ""}</p>
<div class="grid"><section class="card" aria-labelledby="about-h"><h2 id="about-h">${t("Om appen", "About the app")}</h2><p style="white-space:pre-line">${e(l.description)}</p>
<p>${stars(ctx, l)}</p><p>${t(`${l.activeCustomers} aktiva kunder`, `${l.activeCustomers} active customers`)}</p>${l.recommended ? `<p><span class="badge">${t("Rekommenderad", "Recommended")}</span></p>` : ""}</section>
<section class="card" aria-labelledby="get-h"><h2 id="get-h">${l.mode === "purchasable" ? t("Köp", "Buy") : t("Aktivera", "Activate")}</h2>${acquire(ctx, sb, l)}</section></div>
${rating(ctx, sb, l)}`,
  );
}
