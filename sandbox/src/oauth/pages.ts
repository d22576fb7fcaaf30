import type { Sandbox } from "../core/context";
import { escapeHtml as e } from "../core/http";
import type { App } from "../core/state";

import type { AuthRequest } from "./authorize";

/** Server-rendered pages in Fortnox's spirit: Swedish first, English second, no external assets. */

const STYLE = `body{font-family:system-ui,sans-serif;background:#f4f6f8;color:#1d2a33;margin:0}
main{max-width:34rem;margin:3rem auto;background:#fff;border-radius:8px;padding:2rem;box-shadow:0 1px 3px #0002}
h1{font-size:1.4rem;margin:0 0 1rem}label{display:block;font-weight:600;margin:1rem 0 .3rem}
select{width:100%;padding:.5rem;font-size:1rem}ul{padding-left:1.2rem}code{background:#eef;padding:0 .2rem}
.actions{display:flex;gap:1rem;margin-top:1.5rem}button{font-size:1rem;padding:.6rem 1.2rem;border-radius:6px;border:1px solid #0a5;cursor:pointer}
.approve{background:#0a7a3c;color:#fff}.deny{background:#fff;color:#8a1c1c;border-color:#8a1c1c}.brand{color:#0a7a3c;font-weight:700}`;

export function layout(title: string, body: string): string {
  return `<!doctype html><html lang="sv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><link rel="icon" href="data:,"><title>${e(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

export function errorPage(title: string, message: string): string {
  return layout(title, `<p class="brand">Fortnox (sandlåda)</p><h1>${e(title)}</h1><p role="alert">${e(message)}</p>`);
}

export function consentPage(sb: Sandbox, app: App, req: AuthRequest, payload: string, signature: string): string {
  const dbs = [...sb.state.databases.values()];
  const companies = dbs.map((d) => `<option value="${d.tenantId}">${e(d.company.CompanyName)} (${e(d.company.OrganizationNumber)})</option>`).join("");
  const users = dbs
    .flatMap((d) => d.users.filter((u) => u.active !== false).map((u) => `<option value="${d.tenantId}:${e(u.id)}" data-tenant="${d.tenantId}">${e(u.name)}${u.sysAdmin ? " – SysAdmin" : ""} (${e(d.company.CompanyName)})</option>`))
    .join("");
  const scopes = req.scopes.map((s) => `<li><code>${e(s)}</code></li>`).join("");
  return layout(
    "Logga in på Fortnox",
    `<p class="brand">Fortnox (sandlåda)</p>
<h1>${e(app.name)} vill ansluta till ditt företag</h1>
<p>${e(app.name)} begär behörighet till / requests access to:</p><ul>${scopes}</ul>
${req.service ? "<p><strong>Servicekonto:</strong> anslutningen skapas för en teknisk användare och kräver systemadministratör.</p>" : ""}
<form method="post" action="/oauth-v1/auth/decision">
<input type="hidden" name="request" value="${payload}"><input type="hidden" name="signature" value="${signature}">
<label for="tenantId">Företag / Company</label><select id="tenantId" name="tenantId" required>${companies}</select>
<label for="userId">Användare / User</label><select id="userId" name="userId" required>${users}</select>
<div class="actions"><button class="approve" type="submit" name="decision" value="approve">Godkänn / Approve</button>
<button class="deny" type="submit" name="decision" value="deny">Neka / Deny</button></div></form>
<script>const c=document.getElementById("tenantId"),u=document.getElementById("userId");function f(){let first;for(const o of u.options){const on=o.dataset.tenant===c.value;o.hidden=!on;if(on&&!first)first=o}if(u.selectedOptions[0]?.hidden&&first)u.value=first.value}c.addEventListener("change",f);f();</script>`,
  );
}
