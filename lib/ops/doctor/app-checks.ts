import { probeAuthorize, probeCredentials } from "./fortnox-probes";
import { fail, pass, type CheckResult, type DoctorDeps, type DoctorTarget } from "./types";

const PORTAL = { sv: "Fortnox utvecklarportal (developer.fortnox.se) → din app", en: "Fortnox Developer Portal (developer.fortnox.se) → your app" };

export async function checkCredentials(t: DoctorTarget, d: DoctorDeps): Promise<CheckResult> {
  if (!t.clientId || !t.clientSecret) {
    return fail("credentials", { sv: "Klient-id eller klienthemlighet saknas.", en: "The client id or client secret is missing." }, { sv: `Sätt FORTNOX_CLIENT_ID och FORTNOX_CLIENT_SECRET från ${PORTAL.sv}.`, en: `Set FORTNOX_CLIENT_ID and FORTNOX_CLIENT_SECRET from ${PORTAL.en}.` });
  }
  const probe = await probeCredentials(t, d);
  if (probe === "valid") return pass("credentials");
  if (probe === "invalid_client") {
    return fail(
      "credentials",
      { sv: "Fortnox godtar inte klient-id och klienthemlighet (invalid_client).", en: "Fortnox does not accept the client id and secret (invalid_client)." },
      { sv: `Kopiera klient-id och klienthemlighet på nytt från ${PORTAL.sv} till FORTNOX_CLIENT_ID och FORTNOX_CLIENT_SECRET (utan mellanslag), och kontrollera att appen använder OAuth2.`, en: `Copy the client id and secret again from ${PORTAL.en} into FORTNOX_CLIENT_ID and FORTNOX_CLIENT_SECRET (no spaces), and check the app uses OAuth2.` },
    );
  }
  return unreachable("credentials", t, probe.unreachable);
}

function unreachable(id: string, t: DoctorTarget, reason: string): CheckResult {
  return fail(id, { sv: `Fortnox (${t.authUrl}) svarade inte: ${reason}.`, en: `Fortnox (${t.authUrl}) did not answer: ${reason}.` }, { sv: "Kontrollera FORTNOX_AUTH_URL och att servern når den, och kör kontrollen igen.", en: "Check FORTNOX_AUTH_URL and that the server can reach it, then run the check again." });
}

/** Static rules first (no trailing slash, the portal's own host), then Fortnox itself. */
export async function checkRedirect(t: DoctorTarget, authUrl: string, d: DoctorDeps): Promise<CheckResult> {
  const expected = `${authUrl}/api/auth/callback/fortnox`;
  let uri: URL;
  try {
    uri = new URL(t.redirectUri);
  } catch {
    return fail("redirect", { sv: `Redirect-URI:n "${t.redirectUri}" är ingen giltig adress.`, en: `The redirect URI "${t.redirectUri}" is not a valid URL.` }, { sv: `Använd ${expected}.`, en: `Use ${expected}.` });
  }
  if (t.redirectUri.endsWith("/")) {
    return fail("redirect", { sv: "Redirect-URI:n slutar med snedstreck; Fortnox jämför adressen tecken för tecken.", en: "The redirect URI ends with a slash; Fortnox compares it character by character." }, { sv: `Registrera exakt ${expected} i ${PORTAL.sv}.`, en: `Register exactly ${expected} in ${PORTAL.en}.` });
  }
  if (uri.host !== new URL(authUrl).host) {
    return fail("redirect", { sv: `Redirect-URI:ns värd (${uri.host}) är inte AUTH_URL:s (${new URL(authUrl).host}).`, en: `The redirect URI's host (${uri.host}) is not AUTH_URL's (${new URL(authUrl).host}).` }, { sv: `Sätt AUTH_URL till portalens publika adress och registrera ${expected}.`, en: `Set AUTH_URL to the portal's public origin and register ${expected}.` });
  }
  // A scope that cannot exist: with a registered redirect URI Fortnox sends the browser back with
  // invalid_scope; with an unregistered one it shows its own error page and never redirects.
  const probe = await probeAuthorize(t, "bryggadoctorprobe", d, { withRedirect: true });
  if (probe.kind === "back") return pass("redirect", { sv: `Registrerad: ${t.redirectUri}`, en: `Registered: ${t.redirectUri}` });
  if (probe.kind === "unreachable") return unreachable("redirect", t, probe.reason);
  return fail(
    "redirect",
    { sv: `Redirect-URI:n ${t.redirectUri} är inte registrerad för appen (Fortnox skickar inte tillbaka webbläsaren dit).`, en: `The redirect URI ${t.redirectUri} is not registered for the app (Fortnox will not send the browser back to it).` },
    { sv: `Lägg till exakt ${t.redirectUri} (utan avslutande snedstreck) som redirect-URI i ${PORTAL.sv}.`, en: `Add exactly ${t.redirectUri} (no trailing slash) as a redirect URI in ${PORTAL.en}.` },
  );
}

/** Each requested scope on its own, so the finding names exactly the ones the app lacks. */
export async function checkScopes(t: DoctorTarget, d: DoctorDeps): Promise<CheckResult> {
  const probes = await Promise.all(t.scopes.map(async (scope) => ({ scope, probe: await probeAuthorize(t, scope, d) })));
  const down = probes.find((p) => p.probe.kind === "unreachable");
  if (down?.probe.kind === "unreachable") return unreachable("scopes", t, down.probe.reason);
  if (probes.length > 0 && probes.every((p) => p.probe.kind === "error_page")) {
    return fail("scopes", { sv: "Appen har ingen registrerad redirect-URI, så Fortnox kan inte svara på behörigheterna.", en: "The app has no registered redirect URI, so Fortnox cannot answer about the scopes." }, { sv: `Registrera redirect-URI:n i ${PORTAL.sv} och kör kontrollen igen.`, en: `Register the redirect URI in ${PORTAL.en} and run the check again.` });
  }
  const missing = probes.filter((p) => p.probe.kind === "back" && p.probe.error === "invalid_scope").map((p) => p.scope);
  if (missing.length === 0) return pass("scopes", { sv: `Aktiverade: ${t.scopes.join(", ")}`, en: `Enabled: ${t.scopes.join(", ")}` });
  const list = missing.join(", ");
  return fail(
    "scopes",
    { sv: `Appen saknar behörigheterna: ${list} (Fortnox svarar invalid_scope).`, en: `The app lacks the scopes: ${list} (Fortnox answers invalid_scope).` },
    { sv: `Aktivera ${list} under Behörigheter i ${PORTAL.sv}, eller ta bort dem ur FORTNOX_SCOPES. Redan anslutna företag måste ansluta igen för att få dem.`, en: `Enable ${list} under Scopes in ${PORTAL.en}, or remove them from FORTNOX_SCOPES. Companies already connected must reconnect to get them.` },
  );
}

export async function checkServiceAccounts(t: DoctorTarget, d: DoctorDeps): Promise<CheckResult> {
  if (!t.serviceAccounts) return pass("service_accounts", { sv: "Servicekonton används inte.", en: "Service accounts are not used." });
  const probe = await probeAuthorize(t, t.scopes[0] ?? "companyinformation", d, { service: true });
  if (probe.kind === "unreachable") return unreachable("service_accounts", t, probe.reason);
  if (probe.kind === "back" && probe.error === "unauthorized_client") {
    return fail(
      "service_accounts",
      { sv: "Appen tillåter inte servicekonton (\"Client does not allow service account\").", en: "The app does not allow service accounts (\"Client does not allow service account\")." },
      { sv: `Slå på servicekonton ("endast administratör") i ${PORTAL.sv}.`, en: `Turn on service accounts ("only administrator") in ${PORTAL.en}.` },
    );
  }
  return pass("service_accounts");
}
