import type { Sandbox } from "../../core/context";
import { appsOf } from "../developers";
import { appStats } from "../stats";

import { e, money, number, page, type PageContext } from "./layout";

/** /developer/stats: per app, connected and active companies, traffic per day, subscriptions and revenue. */

const TABLE_DAYS = 14;

function appSection(ctx: PageContext, sb: Sandbox, clientId: string, name: string): string {
  const { t } = ctx;
  const s = appStats(sb, clientId);
  const fact = (label: string, value: string, key: string) => `<div data-stat="${key}"><dt>${label}</dt><dd>${value}</dd></div>`;
  const rows = s.perDay
    .slice(-TABLE_DAYS)
    .reverse()
    .map((d) => `<tr><th scope="row">${d.day}</th><td class="num">${number(ctx, d.requests)}</td><td class="num">${number(ctx, d.rateLimited)}</td><td class="num">${number(ctx, d.errors)}</td></tr>`)
    .join("");
  return `<section class="card" id="app-${e(clientId)}" aria-labelledby="st-${e(clientId)}"><h2 id="st-${e(clientId)}">${e(name)}</h2>
<h3>${t("Kunder", "Customers")}</h3>
<dl class="facts">${fact(t("Anslutna företag", "Connected companies"), number(ctx, s.connectedCompanies), "connectedCompanies")}${fact(t("Aktiva senaste 30 dagarna", "Active in the last 30 days"), number(ctx, s.activeLast30Days), "activeLast30Days")}${fact(t("Aktiva prenumerationer", "Active subscriptions"), number(ctx, s.subscriptions.active), "activeSubscriptions")}${fact(t("Prenumerationer totalt", "Subscriptions in total"), number(ctx, s.subscriptions.total), "subscriptions")}</dl>
<h3 style="margin-top:1rem">${t("Intäkter", "Revenue")}</h3>
<dl class="facts">${fact(t("Per månad", "Per month"), money(ctx, s.revenue.monthly), "revenueMonthly")}${fact(t("Din andel per månad (75 %)", "Your share per month (75 %)"), money(ctx, s.revenue.developerShareMonthly), "developerShareMonthly")}${fact(t("Hittills", "To date"), money(ctx, s.revenue.toDate), "revenueToDate")}${fact(t("Din andel hittills (75 %)", "Your share to date (75 %)"), money(ctx, s.revenue.developerShareToDate), "developerShareToDate")}</dl>
<h3 style="margin-top:1rem">${t("API-anrop", "API requests")}</h3>
<dl class="facts">${fact(t("Anrop (30 dagar)", "Requests (30 days)"), number(ctx, s.totals.requests), "requests")}${fact(t("429 – för många anrop", "429 – too many requests"), number(ctx, s.totals.rateLimited), "rateLimited")}${fact(t("Fel (4xx/5xx)", "Errors (4xx/5xx)"), number(ctx, s.totals.errors), "errors")}</dl>
<div class="table-wrap"><table style="margin-top:1rem"><caption class="vh">${t(`API-anrop per dag, senaste ${TABLE_DAYS} dagarna`, `API requests per day, last ${TABLE_DAYS} days`)}</caption>
<thead><tr><th scope="col">${t("Dag", "Day")}</th><th scope="col" class="num">${t("Anrop", "Requests")}</th><th scope="col" class="num">429</th><th scope="col" class="num">${t("Fel", "Errors")}</th></tr></thead><tbody>${rows}</tbody></table></div></section>`;
}

export function statsPage(ctx: PageContext, sb: Sandbox): string {
  const { t } = ctx;
  const apps = appsOf(sb, ctx.developer!.id);
  return page(
    ctx,
    t("Statistik", "Statistics"),
    "stats",
    `<h1>${t("Statistik", "Statistics")}</h1>
<p class="lead">${t("Anslutna företag har en giltig anslutning (refresh-token) eller ett godkänt servicekonto. Aktiva företag har anropat API:t med appen de senaste 30 dagarna. Köpbara appar faktureras per påbörjad 30-dagarsperiod; du får 75 %.", "Connected companies have a valid connection (refresh token) or an approved service account. Active companies called the API with the app in the last 30 days. Purchasable apps are billed per started 30-day period; you receive 75 %.")}</p>
${apps.length ? apps.map((a) => appSection(ctx, sb, a.clientId, a.name)).join("") : `<p>${t("Du har inga appar ännu.", "You have no apps yet.")} <a href="/developer/apps/new">${t("Skapa app", "Create app")}</a></p>`}`,
  );
}
