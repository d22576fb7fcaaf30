/**
 * In demo mode Brygga is listed in the sandbox's App Market the way an integrator's app is on
 * Fortnox's: owned by a developer account, with a description and a landing page (the portal's
 * /activate), published as activatable. "Öppna App Market (sandlåda)" on the landing page then
 * shows Brygga with an "Aktivera" button, and the developer portal, signed in with
 * DEMO_DEVELOPER_EMAIL (the sandbox asks for no password), shows Brygga's statistics.
 * Idempotent: a restarted demo finds the developer and publication it made before.
 */
export const DEMO_DEVELOPER_EMAIL = "demo@brygga.example";

async function call<T>(sandboxUrl: string, method: string, route: string, body?: unknown): Promise<T> {
  const res = await fetch(`${sandboxUrl}/developer/api${route}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`The sandbox refused ${method} ${route} while listing Brygga in its App Market: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export async function listInAppMarket(sandboxUrl: string, portalUrl: string, clientId: string): Promise<void> {
  const found = await call<{ id: string }[]>(sandboxUrl, "GET", `/developers?email=${encodeURIComponent(DEMO_DEVELOPER_EMAIL)}`);
  const developer = found[0] ?? (await call<{ id: string }>(sandboxUrl, "POST", "/developers", { name: "Brygga", email: DEMO_DEVELOPER_EMAIL, company: "Brygga", acceptChangePolicy: true }));
  await call(sandboxUrl, "PATCH", `/apps/${clientId}`, {
    developerId: developer.id,
    description: "Fakturor, kunder och artiklar från Fortnox: snabbt, sökbart och alltid i synk. Öppen källkod.",
    companyUrl: portalUrl,
    landingUrl: `${portalUrl}/activate`,
  });
  await call(sandboxUrl, "POST", `/apps/${clientId}/publish`, { mode: "activatable" });
}
