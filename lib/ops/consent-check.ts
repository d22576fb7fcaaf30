import { clientCredentialsGrant, OAuthTokenError, type OAuthClient } from "@/lib/fortnox/oauth";
import { logger } from "@/lib/log";

import type { ConsentCheck } from "./consent-webhook";

/**
 * Whether Fortnox still holds a service-account consent for (our client id, tenant): a
 * client_credentials request is granted only while it does. `invalid_grant` is the documented
 * refusal; anything else (network, 5xx, our own credentials refused) proves nothing.
 */
export async function checkServiceConsent(oauth: OAuthClient, fortnoxTenantId: number): Promise<ConsentCheck> {
  try {
    await clientCredentialsGrant(oauth, fortnoxTenantId);
    return "active";
  } catch (e) {
    if (e instanceof OAuthTokenError && e.grantIsDead) return "revoked";
    logger.warn("could not confirm a consent with Fortnox", { fortnoxTenantId, error: e });
    return "unknown";
  }
}
