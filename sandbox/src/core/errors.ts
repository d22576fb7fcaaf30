/**
 * Fortnox's error vocabulary. API errors become `ErrorInformation` bodies; OAuth errors become
 * `{error, error_description}` bodies. The HTTP layer serialises them (and applies key-casing quirks).
 */

export class FortnoxApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = "FortnoxApiError";
  }
}

export class OAuthError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
  ) {
    super(description);
    this.name = "OAuthError";
  }
}

/** Codes and messages as Fortnox returns them (docs/fortnox.md#errors). */
export const FortnoxCodes = {
  systemException: { code: 1000003, message: "System exception", status: 500 },
  invalidResponseType: { code: 1000030, message: "Invalid response type", status: 406 },
  invalidContentType: { code: 1000031, message: "Invalid content type", status: 415 },
  mustBeNumeric: { code: 2000108, message: "Värdet måste vara numeriskt", status: 400 },
  mustBeBoolean: { code: 2000134, message: "Värdet måste vara en boolean", status: 400 },
  invalidLogin: { code: 2000310, message: "Ogiltig inloggning", status: 401 },
  missingCredentials: {
    code: 2000311,
    message: "Kan inte logga in, access-token eller client-secret saknas(2).",
    status: 401,
  },
  invalidParameter: { code: 2000588, message: "Ogiltig parameter i anropet.", status: 400 },
  customerNumberUsed: { code: 2000637, message: "Kundnummer {n} används redan. Kundnumret har redan använts men blivit raderat.", status: 400 },
  noScopePermission: { code: 2000663, message: "Har inte behörighet för scope", status: 403 },
  missingIdentifier: { code: 2000729, message: "A valid identifier was not provided.", status: 400 },
  noLicence: { code: 2001101, message: "Det finns ingen aktiv licens för önskat scope", status: 400 },
  accountNotFound: { code: 2001304, message: "Kunde inte hitta konto", status: 400 },
  emptyBody: { code: 2001392, message: "Ingen eller felaktig typ av data.", status: 400 },
  unknownField: { code: 2001399, message: "Felaktigt fältnamn", status: 400 },
  badJson: { code: 2002115, message: "Error deserializing JSON: JSON_ERROR_SYNTAX", status: 400 },
  articleNumberUsed: { code: 2000013, message: "Artikelnummer används redan", status: 400 },
  notFound: { code: 2000423, message: "Kan inte hitta", status: 404 },
} as const;

export function apiError(
  kind: keyof typeof FortnoxCodes,
  vars: Record<string, string | number> = {},
): FortnoxApiError {
  const def = FortnoxCodes[kind];
  const message = def.message.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ""));
  return new FortnoxApiError(def.status, def.code, message);
}
