import { escapeHtml as e } from "../../core/http";
import type { Developer } from "../store";

import { CLIENT_SCRIPT } from "./script";

/**
 * The shell of the developer portal and the App Market: Swedish by default with an English
 * toggle, semantic landmarks, visible focus, no external assets, no horizontal overflow down to
 * a 390 px wide phone.
 */

export type Lang = "sv" | "en";

export interface PageContext {
  lang: Lang;
  developer: Developer | null;
  /** Path + query of this page, for the language toggle. */
  path: string;
  /** Translate: the Swedish text, or the English one when the page is in English. */
  t: (sv: string, en: string) => string;
}

export { e };

const STYLE = `*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f3f5f7;color:#1b2730}
a{color:#0b5d33}a:hover{text-decoration-thickness:2px}
:focus-visible{outline:3px solid #1f5fbf;outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem 1rem;z-index:10}.skip:focus{left:.5rem}
.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
header.top{background:#0b5d33;color:#fff}
header.top .bar{max-width:68rem;margin:0 auto;padding:.75rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:center}
header.top a{color:#fff}.brand{font-weight:700;font-size:1.1rem;text-decoration:none;margin-right:auto}
header.top nav ul{display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;margin:0;padding:0}
header.top nav a[aria-current=page]{font-weight:700;text-decoration-thickness:3px}
main{max-width:68rem;margin:0 auto;padding:1.5rem 1rem 3rem}
h1{font-size:1.75rem;line-height:1.2;margin:.25rem 0 1rem}h2{font-size:1.3rem;margin:0 0 .75rem}h3{font-size:1.1rem;margin:0 0 .5rem}
.lead{color:#3d4c57;max-width:48rem}
.card{background:#fff;border:1px solid #d5dde3;border-radius:10px;padding:1.25rem;margin:0 0 1.25rem;min-width:0}
.grid{display:grid;gap:1.25rem;grid-template-columns:repeat(auto-fit,minmax(min(100%,19rem),1fr))}
.grid>.card{margin:0}main>.grid{margin-bottom:1.25rem}
label,.label{display:block;font-weight:600;margin:.9rem 0 .3rem}
input[type=text],input[type=email],input[type=url],input[type=number],input[type=password],select,textarea{width:100%;max-width:36rem;font:inherit;padding:.5rem .6rem;border:1px solid #7b8a95;border-radius:6px;background:#fff;color:inherit}
textarea{min-height:5rem}
fieldset{border:1px solid #d5dde3;border-radius:8px;margin:1rem 0;padding:.5rem 1rem 1rem;min-width:0}legend{font-weight:600;padding:0 .3rem}
.check{display:flex;gap:.5rem;align-items:flex-start;font-weight:400;margin:.4rem 0}.check input{margin-top:.3rem;width:1.1rem;height:1.1rem;flex:none}
.checks{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,13rem),1fr));gap:0 1rem}
.hint{color:#4a5965;font-size:.9rem;margin:.25rem 0 0}
button,.button{display:inline-block;font:inherit;font-weight:600;padding:.55rem 1.1rem;border-radius:6px;border:2px solid #0b5d33;background:#0b5d33;color:#fff;cursor:pointer;text-decoration:none}
button.secondary,.button.secondary{background:#fff;color:#0b5d33}
button.danger{background:#fff;color:#a11a1a;border-color:#a11a1a}button.danger.solid{background:#a11a1a;color:#fff}
button:disabled{opacity:.6;cursor:wait}
.actions{display:flex;flex-wrap:wrap;gap:.75rem;margin-top:1rem;align-items:center}
form.inline{display:inline}
.form-error{color:#a11a1a;font-weight:600;margin:.75rem 0 0}.form-error:empty{display:none}
.notice{background:#fff8d6;border:1px solid #b08900;border-radius:8px;padding:.75rem 1rem;margin:1rem 0}
code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.92em;background:#eef2f5;padding:.1rem .3rem;border-radius:4px;overflow-wrap:anywhere}
dl.facts{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,11rem),1fr));gap:.75rem;margin:0}
dl.facts div{background:#f3f5f7;border-radius:8px;padding:.6rem .8rem}dl.facts dt{font-size:.9rem;color:#3d4c57}dl.facts dd{margin:0;font-size:1.3rem;font-weight:700}
dl.kv{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem;margin:.5rem 0}dl.kv dt{font-weight:600}dl.kv dd{margin:0;min-width:0;overflow-wrap:anywhere}
.table-wrap{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.4rem .6rem;border-bottom:1px solid #d5dde3}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.badge{display:inline-block;font-size:.8rem;font-weight:700;border-radius:999px;padding:.1rem .6rem;background:#e3efe8;color:#0b5d33}.badge.grey{background:#e6eaee;color:#33414c}
ul.plain{list-style:none;padding:0;margin:0}ul.plain>li{border-top:1px solid #e3e8ec;padding:.75rem 0}ul.plain>li:first-child{border-top:0}
.stars{color:#7a5600;font-weight:700}
dialog{border:1px solid #7b8a95;border-radius:10px;padding:1.25rem;max-width:min(30rem,calc(100vw - 2rem))}dialog::backdrop{background:#0008}
footer{max-width:68rem;margin:0 auto;padding:0 1rem 2rem;color:#4a5965;font-size:.9rem}`;

export function context(lang: Lang, developer: Developer | null, path: string): PageContext {
  return { lang, developer, path, t: (sv, en) => (lang === "en" ? en : sv) };
}

function langToggle(ctx: PageContext): string {
  const url = new URL(ctx.path, "http://x");
  url.searchParams.set("lang", ctx.lang === "en" ? "sv" : "en");
  const href = url.pathname + url.search;
  return ctx.lang === "en" ? `<a href="${e(href)}" lang="sv" hreflang="sv">Svenska</a>` : `<a href="${e(href)}" lang="en" hreflang="en">English</a>`;
}

/** One page. `section` marks the current navigation item. */
export function page(ctx: PageContext, title: string, section: "developer" | "apps" | "databases" | "stats" | "appmarket", body: string): string {
  const { t } = ctx;
  const current = (s: string) => (s === section ? ' aria-current="page"' : "");
  const devNav = ctx.developer
    ? `<li><a href="/developer"${current("apps")}>${t("Mina appar", "My apps")}</a></li><li><a href="/developer/databases"${current("databases")}>${t("Testdatabaser", "Test databases")}</a></li><li><a href="/developer/stats"${current("stats")}>${t("Statistik", "Statistics")}</a></li>`
    : `<li><a href="/developer"${current("developer")}>${t("Utvecklarportal", "Developer portal")}</a></li>`;
  return `<!doctype html><html lang="${ctx.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><link rel="icon" href="data:,">
<title>${e(title)} – Fortnox ${t("sandlåda", "sandbox")}</title><style>${STYLE}</style></head>
<body><a class="skip" href="#main">${t("Hoppa till innehållet", "Skip to content")}</a>
<header class="top"><div class="bar"><a class="brand" href="/developer">Fortnox ${t("sandlåda", "sandbox")}</a>
<nav aria-label="${t("Huvudmeny", "Main menu")}"><ul>${devNav}<li><a href="/appmarket"${current("appmarket")}>App Market</a></li><li>${langToggle(ctx)}</li></ul></nav></div></header>
<main id="main" tabindex="-1">${body}</main>
<footer><p>${t("En lokal Fortnox för utveckling och test. Inget här når Fortnox.", "A local Fortnox for development and tests. Nothing here reaches Fortnox.")}</p></footer>
<dialog id="confirm" aria-labelledby="confirm-title" aria-describedby="confirm-text"><form method="dialog"><h2 id="confirm-title">${t("Är du säker?", "Are you sure?")}</h2><p id="confirm-text"></p>
<div class="actions"><button value="ok" class="danger solid" id="confirm-ok">${t("Radera", "Delete")}</button><button value="cancel" class="secondary">${t("Avbryt", "Cancel")}</button></div></form></dialog>
<script>${CLIENT_SCRIPT}</script></body></html>`;
}

/** A form the page script submits as JSON to the control API. */
export function apiForm(opts: { api: string; method: string; then?: string; body: string; label?: string; className?: string; confirm?: string; confirmOk?: string; extra?: string }): string {
  const attrs = [`data-api="${e(opts.api)}"`, `data-method="${opts.method}"`, opts.then ? `data-then="${e(opts.then)}"` : "", opts.confirm ? `data-confirm="${e(opts.confirm)}"` : "", opts.confirmOk ? `data-confirm-ok="${e(opts.confirmOk)}"` : "", opts.extra ?? ""].filter(Boolean).join(" ");
  return `<form class="${opts.className ?? ""}" ${attrs} novalidate${opts.label ? ` aria-label="${e(opts.label)}"` : ""}>${opts.body}<p class="form-error" role="alert"></p></form>`;
}

export function field(opts: { id: string; name: string; label: string; type?: string; value?: string | null; required?: boolean; hint?: string; kind?: string; attrs?: string }): string {
  const hintId = opts.hint ? `${opts.id}-hint` : "";
  const input =
    opts.type === "textarea"
      ? `<textarea id="${opts.id}" name="${opts.name}"${opts.required ? " required" : ""}${hintId ? ` aria-describedby="${hintId}"` : ""}${opts.kind ? ` data-kind="${opts.kind}"` : ""} ${opts.attrs ?? ""}>${e(opts.value ?? "")}</textarea>`
      : `<input id="${opts.id}" name="${opts.name}" type="${opts.type ?? "text"}" value="${e(opts.value ?? "")}"${opts.required ? " required" : ""}${hintId ? ` aria-describedby="${hintId}"` : ""}${opts.kind ? ` data-kind="${opts.kind}"` : ""} ${opts.attrs ?? ""}>`;
  return `<label for="${opts.id}">${e(opts.label)}</label>${input}${opts.hint ? `<p class="hint" id="${hintId}">${e(opts.hint)}</p>` : ""}`;
}

export const money = (ctx: PageContext, sek: number) => new Intl.NumberFormat(ctx.lang === "en" ? "en-GB" : "sv-SE", { style: "currency", currency: "SEK" }).format(sek);
export const number = (ctx: PageContext, n: number) => new Intl.NumberFormat(ctx.lang === "en" ? "en-GB" : "sv-SE").format(n);
