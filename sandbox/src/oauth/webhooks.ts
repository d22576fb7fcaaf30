import type { Sandbox } from "../core/context";
import type { App } from "../core/state";

/**
 * Consent created / revoked notifications for service-account consents (docs/fortnox.md#webhooks).
 * Fortnox's payload is undocumented; the sandbox sends {event, tenantId, clientId, timestamp},
 * best effort, without retries.
 */
export function fireWebhook(sb: Sandbox, app: App, event: "consent-created" | "consent-revoked", tenantId: number): void {
  if (!app.webhookUrl) return;
  const body = JSON.stringify({ event, tenantId, clientId: app.clientId, timestamp: sb.clock.now().toISOString() });
  void fetch(app.webhookUrl, { method: "POST", headers: { "content-type": "application/json" }, body, signal: AbortSignal.timeout(5000) }).catch(() => undefined);
}
