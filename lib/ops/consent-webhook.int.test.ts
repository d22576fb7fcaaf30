import { createServer, type Server } from "node:http";

import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Database } from "@/lib/db/client";
import { alerts, auditEvents, connections } from "@/lib/db/schema";
import { connectTestCompany, registerTestApp, sandboxOAuth, testKeyRing } from "@/lib/testing/connect";
import { testDatabases, type TestDatabase } from "@/lib/testing/databases";
import { freePort, startSandbox, type SandboxApp, type SandboxDatabase, type SandboxProcess } from "@/lib/testing/sandbox";

import { checkServiceConsent } from "./consent-check";
import { handleConsentWebhook, type ConsentDeps } from "./consent-webhook";

/*
 * The sandbox fires its consent webhook at a small HTTP receiver that runs the real handler (the
 * route handler is a thin shell around it), which asks the sandbox's token endpoint whether the
 * consent is really gone before disconnecting.
 */
describe.each(testDatabases())("consent webhook on $name", (factory) => {
  let t: TestDatabase;
  let db: Database;
  let sb: SandboxProcess;
  let app: SandboxApp;
  let receiver: Server;
  let deps: ConsentDeps;
  const results: string[] = [];

  beforeAll(async () => {
    [t, sb] = await Promise.all([factory.create(), startSandbox()]);
    db = t.handle.db;
    const port = await freePort();
    app = await registerTestApp(sb, { webhookUrl: `http://127.0.0.1:${port}/hook` });
    deps = { db, clientId: app.clientId, checkConsent: (id) => checkServiceConsent(sandboxOAuth(sb, app), id) };
    receiver = createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        void handleConsentWebhook(deps, JSON.parse(body)).then((o) => {
          results.push(o.result);
          res.writeHead(o.status).end();
        });
      });
    });
    await new Promise<void>((r) => receiver.listen(port, "127.0.0.1", r));
  }, 300_000);
  afterAll(async () => {
    receiver?.close();
    await Promise.all([sb?.stop(), t?.dispose()]);
  });

  async function serviceCompany() {
    const company = await sb.control<SandboxDatabase>("POST", "/databases", { seed: "tiny" });
    const { connectionId } = await connectTestCompany(sb, app, db, testKeyRing(), company.tenantId, { service: true });
    return { tenantId: company.tenantId, connectionId };
  }
  const statusOf = async (id: string) => (await db.select({ s: connections.status }).from(connections).where(eq(connections.id, id)))[0]!.s;

  it("a consent revoked through the sandbox disconnects the service-account connection within 5 s, with one audit event and one alert", async () => {
    const { tenantId, connectionId } = await serviceCompany();
    expect(await statusOf(connectionId)).toBe("active");
    const revokedAt = Date.now();
    await sb.control("DELETE", `/consents/${app.clientId}/${tenantId}`);
    while ((await statusOf(connectionId)) !== "disconnected") {
      if (Date.now() - revokedAt > 5000) throw new Error("not disconnected within 5 s of the revoke");
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(Date.now() - revokedAt).toBeLessThanOrEqual(5000);
    const [row] = await db.select().from(connections).where(eq(connections.id, connectionId));
    expect(row).toMatchObject({ accessTokenEnc: null, refreshTokenEnc: null, lastErrorCode: "consent_revoked" });

    // A replay of the same webhook changes nothing.
    const replay = { event: "consent-revoked", tenantId, clientId: app.clientId, timestamp: new Date().toISOString() };
    expect(await handleConsentWebhook(deps, replay)).toEqual({ status: 200, result: "already" });
    expect(await db.select().from(auditEvents).where(and(eq(auditEvents.connectionId, connectionId), eq(auditEvents.type, "consent.revoked")))).toHaveLength(1);
    expect(await db.select().from(alerts).where(eq(alerts.connectionId, connectionId))).toMatchObject([{ kind: "consent_revoked", fortnoxTenantId: tenantId, resolvedAt: null }]);
  }, 120_000);

  it("a forged revoke (the consent still exists in Fortnox) disconnects nobody", async () => {
    const { tenantId, connectionId } = await serviceCompany();
    const forged = { event: "consent-revoked", tenantId, clientId: app.clientId, timestamp: new Date().toISOString() };
    expect(await handleConsentWebhook(deps, forged)).toEqual({ status: 200, result: "still_active" });
    expect(await statusOf(connectionId)).toBe("active");
    // Another app's client id, an unknown tenant, and garbage are ignored or refused.
    expect(await handleConsentWebhook(deps, { ...forged, clientId: "someone-else" })).toEqual({ status: 200, result: "ignored" });
    expect(await handleConsentWebhook(deps, { ...forged, tenantId: 987654321 })).toEqual({ status: 200, result: "ignored" });
    expect(await handleConsentWebhook(deps, { ...forged, tenantId: "1; drop table tenants" })).toEqual({ status: 400, result: "bad_request" });
    expect(await handleConsentWebhook(deps, null)).toEqual({ status: 400, result: "bad_request" });
    expect(await statusOf(connectionId)).toBe("active");
  }, 120_000);

  it("a user-consent (non service-account) connection of the same tenant is not touched", async () => {
    const company = await sb.control<SandboxDatabase>("POST", "/databases", { seed: "tiny" });
    const { connectionId } = await connectTestCompany(sb, app, db, testKeyRing(), company.tenantId);
    const msg = { event: "consent-revoked", tenantId: company.tenantId, clientId: app.clientId };
    expect(await handleConsentWebhook(deps, msg)).toEqual({ status: 200, result: "ignored" });
    expect(await statusOf(connectionId)).toBe("active");
  }, 120_000);
});
