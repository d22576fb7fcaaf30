import "server-only";

import { z } from "zod";

import { fortnoxEndpoints, type FortnoxEndpoints } from "./provider";

/**
 * Who connected: the company (/3/companyinformation; DatabaseNumber == the token's tenantId) and
 * the user behind the token (/3/me). Fortnox's PascalCase stops here; the rest of Brygga sees
 * `FortnoxIdentity`.
 */

const companyInformation = z.object({
  CompanyInformation: z.object({
    CompanyName: z.string(),
    OrganizationNumber: z.string(),
    DatabaseNumber: z.coerce.number().int().positive(),
  }),
});
const me = z.object({
  MeInformation: z.object({
    Id: z.coerce.string(),
    Name: z.string(),
    Email: z.string(),
    SysAdmin: z.boolean(),
    Locale: z.string().optional(),
  }),
});

export interface FortnoxIdentity {
  tenantId: number;
  companyName: string;
  organisationNumber: string;
  user: { fortnoxId: string; name: string; email: string; sysAdmin: boolean; locale: "sv" | "en" };
  /** Resource scopes granted but not licensed by the company's Fortnox subscription (error 2001101). */
  unlicensedScopes: string[];
  /** API requests identifying took: they count against the company's rate limit too. */
  requestsMade: number;
}

/** A Fortnox answer at connect time that makes the connection unusable. */
export class IdentityError extends Error {
  override name = "IdentityError";
  constructor(
    readonly reason: "missing_licence" | "fortnox_error",
    message: string,
  ) {
    super(message);
  }
}

const LICENCE_PROBES: Record<string, string> = { customer: "/3/customers?limit=1", article: "/3/articles?limit=1", invoice: "/3/invoices?limit=1" };

function errorCode(body: unknown): number | undefined {
  const info = (body as { ErrorInformation?: Record<string, unknown> } | null)?.ErrorInformation;
  const code = info?.code ?? info?.Code;
  return code === undefined ? undefined : Number(code);
}

async function get(url: string, accessToken: string, f: typeof fetch) {
  const res = await f(url, { headers: { authorization: `Bearer ${accessToken}`, accept: "application/json" }, signal: AbortSignal.timeout(30_000) });
  return { status: res.status, body: (await res.json().catch(() => null)) as unknown };
}

export async function fetchIdentity(endpoints: FortnoxEndpoints, accessToken: string, grantedScopes: string[], f: typeof fetch = fetch): Promise<FortnoxIdentity> {
  const urls = fortnoxEndpoints(endpoints);
  const [company, user] = await Promise.all([get(urls.companyInformation, accessToken, f), get(urls.me, accessToken, f)]);
  for (const r of [company, user]) {
    if (errorCode(r.body) === 2001101) throw new IdentityError("missing_licence", "companyinformation");
    if (r.status !== 200) throw new IdentityError("fortnox_error", `Fortnox answered ${r.status} while identifying the company`);
  }
  const c = companyInformation.parse(company.body).CompanyInformation;
  const m = me.parse(user.body).MeInformation;
  // A missing module licence only shows when the module is called, so probe each granted resource once.
  const unlicensedScopes: string[] = [];
  for (const scope of grantedScopes.filter((s) => s in LICENCE_PROBES)) {
    const probe = await get(`${endpoints.apiUrl}${LICENCE_PROBES[scope]}`, accessToken, f);
    if (errorCode(probe.body) === 2001101) unlicensedScopes.push(scope);
  }
  return {
    tenantId: c.DatabaseNumber,
    companyName: c.CompanyName,
    organisationNumber: c.OrganizationNumber,
    user: { fortnoxId: m.Id, name: m.Name, email: m.Email, sysAdmin: m.SysAdmin, locale: m.Locale?.startsWith("en") ? "en" : "sv" },
    unlicensedScopes,
    requestsMade: 2 + grantedScopes.filter((s) => s in LICENCE_PROBES).length,
  };
}
