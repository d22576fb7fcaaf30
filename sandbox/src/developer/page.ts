import type { Sandbox } from "../core/context";
import { escapeHtml as e } from "../core/http";
import { layout } from "../oauth/pages";

/**
 * GET /developer: the sandbox's developer portal. Lists apps (with their credentials, as
 * Fortnox's portal shows them) and test databases; the forms call the JSON control API.
 */
export function developerPage(sb: Sandbox): string {
  const apps = [...sb.state.apps.values()]
    .map((a) => `<tr><td>${e(a.name)}</td><td><code>${e(a.clientId)}</code></td><td><code>${e(a.clientSecret)}</code></td><td>${e(a.redirectUris.join(" "))}</td><td>${e(a.scopes.join(" "))}</td><td>${a.serviceAccounts ? "ja" : "nej"}</td></tr>`)
    .join("");
  const dbs = [...sb.state.databases.values()]
    .map((d) => `<tr><td>${d.tenantId}</td><td>${e(d.company.CompanyName)}</td><td>${e(d.company.OrganizationNumber)}</td><td>${d.customers.size} / ${d.articles.size} / ${d.invoices.size}</td><td>${e(d.users.map((u) => `${u.name}${u.sysAdmin ? " (SysAdmin)" : ""}`).join(", "))}</td></tr>`)
    .join("");
  return layout(
    "Fortnox sandlåda – utvecklarportal",
    `<p class="brand">Fortnox (sandlåda)</p><h1>Utvecklarportal / Developer portal</h1>
<p>Mode: ${sb.testMode ? "test (clock, faults, quirks and request log enabled)" : "demo"}. Rate limit: ${sb.rateLimit.requests} requests / ${sb.rateLimit.windowMs} ms per app and company.</p>
<h2>Appar / Apps</h2><table><tr><th>Namn</th><th>Client id</th><th>Client secret</th><th>Redirect URIs</th><th>Scopes</th><th>Servicekonto</th></tr>${apps}</table>
<form id="app"><label for="an">Namn</label><input id="an" name="name" required><label for="ar">Redirect URI</label><input id="ar" name="redirect" type="url" required>
<label for="as">Scopes (mellanslag)</label><input id="as" name="scopes" value="companyinformation profile customer article invoice settings"><label><input type="checkbox" name="service"> Servicekonton (endast administratör)</label><button class="approve">Registrera app</button></form>
<h2>Testdatabaser / Test databases</h2><table><tr><th>TenantId</th><th>Företag</th><th>Org.nr</th><th>Kunder / artiklar / fakturor</th><th>Användare</th></tr>${dbs}</table>
<form id="db"><label for="dn">Företagsnamn (valfritt)</label><input id="dn" name="name"><label for="ds">Storlek</label><select id="ds" name="seed"><option>tiny</option><option>small</option><option selected>demo</option><option>large</option><option>huge</option><option>empty</option></select><button class="approve">Skapa testdatabas</button></form>
<script>
async function post(p,b){const r=await fetch(p,{method:"POST",headers:{"content-type":"application/json"},body:JSON.stringify(b)});if(!r.ok)alert(await r.text());else location.reload()}
document.getElementById("app").onsubmit=e=>{e.preventDefault();const f=new FormData(e.target);post("/developer/api/apps",{name:f.get("name"),redirectUris:[f.get("redirect")],scopes:String(f.get("scopes")).split(" ").filter(Boolean),serviceAccounts:f.get("service")==="on"})};
document.getElementById("db").onsubmit=e=>{e.preventDefault();const f=new FormData(e.target);post("/developer/api/databases",{...(f.get("name")?{name:f.get("name")}:{}),seed:f.get("seed")})};
</script>`,
  );
}
