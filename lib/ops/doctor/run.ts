import { checkCredentials, checkRedirect, checkScopes, checkServiceAccounts } from "./app-checks";
import { checkEncryption, checkWebhook, type KeySetup } from "./deployment-checks";
import type { CheckResult, DoctorDeps, DoctorTarget } from "./types";

export interface DoctorInput {
  target: DoctorTarget;
  /** AUTH_URL: the portal's public origin. */
  portalUrl: string;
  keys: KeySetup;
  webhook: { url: string | null; secretConfigured: boolean };
}

/**
 * Every check, each bounded by `deps.timeoutMs`. When Fortnox refuses the credentials the
 * authorize probes would only repeat that, so they are reported as blocked by it.
 */
export async function runDoctor(input: DoctorInput, deps: DoctorDeps): Promise<CheckResult[]> {
  const credentials = await checkCredentials(input.target, deps);
  const blocked = (id: string): CheckResult => ({ id, ok: false, problem: { sv: "Kan inte kontrolleras förrän klient-id och hemlighet fungerar.", en: "Cannot be checked until the client id and secret work." }, fix: credentials.fix });
  const appChecks = credentials.ok
    ? await Promise.all([checkRedirect(input.target, input.portalUrl, deps), checkScopes(input.target, deps), checkServiceAccounts(input.target, deps)])
    : [blocked("redirect"), blocked("scopes"), blocked("service_accounts")];
  const webhook = await checkWebhook(input.webhook.url, input.target.clientId, input.webhook.secretConfigured, deps);
  return [credentials, ...appChecks, checkEncryption(input.keys), webhook];
}
