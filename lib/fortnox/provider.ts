import "server-only";

/**
 * Fortnox as an OAuth2 provider, as data (Nango's `fortnox` entry, in TypeScript). Only the
 * origins come from configuration, so the sandbox and real Fortnox differ by env alone.
 */
export interface FortnoxEndpoints {
  authUrl: string;
  apiUrl: string;
}

export function fortnoxEndpoints({ authUrl, apiUrl }: FortnoxEndpoints) {
  return {
    authorize: `${authUrl}/oauth-v1/auth`,
    token: `${authUrl}/oauth-v1/token`,
    revoke: `${authUrl}/oauth-v1/revoke`,
    companyInformation: `${apiUrl}/3/companyinformation`,
    me: `${apiUrl}/3/me`,
  };
}

/** Access tokens live 1 h; refresh this long before expiry so no request goes out with a dying token. */
export const ACCESS_TOKEN_MARGIN_MS = 5 * 60_000;
/** Refresh tokens die 45 days after issue (docs/fortnox.md#tokens). */
export const REFRESH_TOKEN_LIFETIME_MS = 45 * 24 * 3600_000;
/** Idle connections are refreshed after this long, well inside the 45 days (and the older 31-day figure). */
export const KEEP_ALIVE_AFTER_MS = 30 * 24 * 3600_000;

/** Why Brygga asks for each scope; shown on the activation page. */
export const SCOPE_PURPOSES: Record<string, { sv: string; en: string }> = {
  companyinformation: { sv: "Företagets namn och organisationsnummer, för att känna igen företaget", en: "Company name and organisation number, to recognise your company" },
  profile: { sv: "Ditt namn, e-post och om du är administratör", en: "Your name, e-mail and whether you are an administrator" },
  customer: { sv: "Läsa, skapa och ändra kunder", en: "Read, create and edit customers" },
  article: { sv: "Läsa, skapa och ändra artiklar", en: "Read, create and edit articles" },
  invoice: { sv: "Läsa, skapa, bokföra, makulera och kreditera fakturor", en: "Read, create, bookkeep, cancel and credit invoices" },
  settings: { sv: "Företagsinställningar som fördefinierade konton", en: "Company settings such as predefined accounts" },
};
