import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startHarness, type Harness } from "./harness";
import { developerApp, LANDING, registerDeveloper } from "./portal-kit";

/** The server-rendered developer portal and App Market pages (the browser journey is Brygga's e2e). */

let h: Harness;
let dev: { id: string; email: string };
beforeAll(async () => {
  h = await startHarness({}, "empty");
  dev = await registerDeveloper(h, "Dora <b>Utvecklare</b>");
}, 60_000);
afterAll(async () => h.close());

async function get(path: string, cookie = "") {
  const res = await fetch(`${h.url}${path}`, { headers: cookie ? { cookie } : {}, redirect: "manual" });
  return { res, html: await res.text() };
}
const as = (id: string) => `sandbox_developer=${encodeURIComponent(id)}`;

describe("developer portal pages", () => {
  it("offers registration in Swedish; ?lang=en switches to English and is remembered", async () => {
    const sv = await get("/developer");
    expect(sv.res.status).toBe(200);
    expect(sv.html).toContain('<html lang="sv">');
    expect(sv.html).toContain("Registrera dig som utvecklare");
    expect(sv.res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    const en = await get("/developer?lang=en");
    expect(en.html).toContain('<html lang="en">');
    expect(en.html).toContain("Register as a developer");
    const cookie = en.res.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^sandbox_lang=en;/);
    expect((await get("/developer", "sandbox_lang=en")).html).toContain("Register as a developer");
    expect((await get("/developer", "sandbox_lang=xx")).html).toContain('<html lang="sv">');
  });

  it("sends visitors who are not signed in from the developer's pages to registration", async () => {
    for (const p of ["/developer/databases", "/developer/stats", "/developer/apps/new", `/developer/apps/${h.app.clientId}`]) {
      const r = await get(p, "sandbox_developer=dev_forged");
      expect(r.res.status, p).toBe(302);
      expect(r.res.headers.get("location")).toBe("/developer");
    }
    expect((await get("/")).res.headers.get("location")).toBe("/developer");
    expect((await get("/developer/nothing-here", as(dev.id))).res.status).toBe(404);
    expect((await fetch(`${h.url}/developer`, { method: "POST" })).status).toBe(405);
  });

  it("shows the developer's apps escaped, and hides other developers' apps", async () => {
    const app = await developerApp(h, dev.id, { name: `<script>alert("x")</script>` });
    const home = await get("/developer", as(dev.id));
    expect(home.html).toContain("Dora &lt;b&gt;Utvecklare&lt;/b&gt;");
    expect(home.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(home.html).not.toContain('<script>alert("x")');
    expect(home.html).toContain("Skapa app");
    // The app registered by the harness has no owner: offered for adoption.
    expect(home.html).toContain("Lägg till i mina appar");
    const page = await get(`/developer/apps/${app.clientId}`, as(dev.id));
    expect(page.res.status).toBe(200);
    expect(page.html).toContain("Generera ny Client-Secret");
    expect(page.html).not.toContain(app.clientSecret);
    expect(page.html).toMatch(/value="invoice" data-kind="array" checked/);
    expect(page.html).toContain("Fakturering");
    const other = await registerDeveloper(h);
    expect((await get(`/developer/apps/${app.clientId}`, as(other.id))).res.status).toBe(404);
  });

  it("lists test databases with login details, and statistics per app", async () => {
    await h.control("POST", "/databases", { seed: "empty", name: "Doras Testbolag AB", developerId: dev.id });
    const dbs = await get("/developer/databases", as(dev.id));
    expect(dbs.html).toContain("Doras Testbolag AB");
    expect(dbs.html).toContain(dev.email);
    expect(dbs.html).toMatch(/Lösenord<\/dt><dd><code>[A-Za-z0-9]{14}<\/code>/);
    expect(dbs.html).toContain("Du har 1 av högst 30 testdatabaser.");
    const stats = await get("/developer/stats", as(dev.id));
    expect(stats.html).toContain('<div data-stat="connectedCompanies"><dt>Anslutna företag</dt><dd>0</dd></div>');
    expect(stats.html).toContain("Din andel per månad (75 %)");
  });
});

describe("App Market pages", () => {
  it("lists published apps; Köp for purchasable, Aktivera to the landing page for activatable", async () => {
    const paid = await developerApp(h, dev.id, { name: "Köpappen" });
    await h.control("POST", `/apps/${paid.clientId}/publish`, { mode: "purchasable", monthlyPrice: 199 });
    const free = await developerApp(h, dev.id, { name: "Aktiveringsappen", landingUrl: `${LANDING}?a=1&b=2` });
    await h.control("POST", `/apps/${free.clientId}/publish`, { mode: "activatable" });
    const market = await get("/appmarket");
    expect(market.html).toContain("Rekommenderade appar");
    expect(market.html).toContain("Köpappen");
    expect(market.html).toContain("Aktiveringsappen");
    const buy = await get(`/appmarket/apps/${paid.clientId}`);
    expect(buy.html).toMatch(/<button type="submit">Köp<\/button>/);
    expect(buy.html).toContain("199,00");
    const act = await get(`/appmarket/apps/${free.clientId}`);
    expect(act.html).toContain(`<a class="button" href="${LANDING}?a=1&amp;b=2">Aktivera</a>`);
    await h.control("POST", `/apps/${free.clientId}/unpublish`);
    expect((await get(`/appmarket/apps/${free.clientId}`)).res.status).toBe(404);
    expect((await get("/appmarket?lang=en")).html).toContain("Recommended apps");
  });
});
