import "server-only";

import { z } from "zod";

import { FortnoxBusyError, INTERACTIVE_PATIENCE_MS } from "./busy";
import { parseRetryAfter } from "./errors";
import { fortnoxEndpoints, type FortnoxEndpoints } from "./provider";
import type { RateLimiter } from "./rate-limiter";

/**
 * Who connected: the company (/3/companyinformation; DatabaseNumber == the token's tenantId) and
 * the user behind the token (/3/me). Fortnox's PascalCase stops here; the rest of Brygga sees
 * `FortnoxIdentity`.
 *
 * These calls are made while a person signs in, before any connection row exists, yet they spend
 * the company's budget like any other (docs/fortnox.md#rate-limits). The tenant is known from the
 * access token itself (a JWT whose `tenantId` claim equals DatabaseNumber; Fortnox publishes no
 * key, so it is decoded, not verified, and checked against /3/companyinformation's answer), so
 * every call goes through the shared limiter as interactive, ahead of the company's sync.
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
  /** API requests identifying took (each through the limiter). */
  requestsMade: number;
}

export interface IdentityDeps {
  limiter: RateLimiter;
  /** Our app's client id: with the tenant, the rate limit's key. */
  clientId: string;
  fetch?: typeof fetch;
  /** How long the whole identification may wait for the company's budget. */
  patienceMs?: number;
}

/** A Fortnox answer at connect time that makes the connection unusable. */
export class IdentityError extends Error {
  override name = "IdentityError";
  constructor(
    readonly reason: "missing_licence" | "fortnox_error" | "fortnox_busy",
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The `tenantId` claim of a Fortnox access token, decoded without verification (no key is published). */
export function tenantIdOfToken(accessToken: string): number | null {
  const payload = accessToken.split(".")[1];
  if (!payload) return null;
  try {
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { tenantId?: unknown };
    const id = typeof claims.tenantId === "string" ? Number(claims.tenantId) : claims.tenantId;
    return typeof id === "number" && Number.isSafeInteger(id) && id > 0 ? id : null;
  } catch {
    return null;
  }
}

const LICENCE_PROBES: Record<string, string> = { customer: "/3/customers?limit=1", article: "/3/articles?limit=1", invoice: "/3/invoices?limit=1" };

function errorCode(body: unknown): number | undefined {
  const info = (body as { ErrorInformation?: Record<string, unknown> } | null)?.ErrorInformation;
  const code = info?.code ?? info?.Code;
  return code === undefined ? undefined : Number(code);
}

export async function fetchIdentity(endpoints: FortnoxEndpoints, accessToken: string, grantedScopes: string[], deps: IdentityDeps): Promise<FortnoxIdentity> {
  const urls = fortnoxEndpoints(endpoints);
  const tenantId = tenantIdOfToken(accessToken);
  if (tenantId === null) throw new IdentityError("fortnox_error", "Fortnox's access token names no tenant");
  const key = { clientId: deps.clientId, tenantId };
  const deadline = performance.now() + (deps.patienceMs ?? INTERACTIVE_PATIENCE_MS);
  let requestsMade = 0;
  // One request through the limiter; a 429 (someone else spending the budget) is retried while
  // the person's patience lasts.
  async function get(url: string): Promise<{ status: number; body: unknown }> {
    for (;;) {
      const grant = await deps.limiter.acquire(key, { priority: "interactive", deadline }).catch((e: unknown) => {
        throw e instanceof FortnoxBusyError ? new IdentityError("fortnox_busy", e.message, { cause: e }) : e;
      });
      requestsMade++;
      let res: Response;
      try {
        res = await (deps.fetch ?? fetch)(url, { headers: { authorization: `Bearer ${accessToken}`, accept: "application/json" }, signal: AbortSignal.timeout(30_000) });
      } finally {
        grant.finish();
      }
      const body = (await res.json().catch(() => null)) as unknown;
      if (res.status !== 429) return { status: res.status, body };
      const retryAfterMs = parseRetryAfter(res.headers.get("retry-after"));
      await deps.limiter.reportRateLimited(key, retryAfterMs);
    }
  }
  // A missing module licence only shows when the module is called, so each granted resource is
  // probed once. All at once: a person waits for this, and on a budget a sync is spending every
  // round trip in a row would add its own wait for a slot.
  const probed = grantedScopes.filter((s) => s in LICENCE_PROBES);
  const [company, user, ...probes] = await Promise.all([get(urls.companyInformation), get(urls.me), ...probed.map((scope) => get(`${endpoints.apiUrl}${LICENCE_PROBES[scope]}`))]);
  for (const r of [company, user]) {
    if (errorCode(r.body) === 2001101) throw new IdentityError("missing_licence", "companyinformation");
    if (r.status !== 200) throw new IdentityError("fortnox_error", `Fortnox answered ${r.status} while identifying the company`);
  }
  const c = companyInformation.parse(company.body).CompanyInformation;
  const m = me.parse(user.body).MeInformation;
  if (c.DatabaseNumber !== tenantId) throw new IdentityError("fortnox_error", "Fortnox's token and company information name different companies");
  const unlicensedScopes = probed.filter((_, i) => errorCode(probes[i]!.body) === 2001101);
  return {
    tenantId: c.DatabaseNumber,
    companyName: c.CompanyName,
    organisationNumber: c.OrganizationNumber,
    user: { fortnoxId: m.Id, name: m.Name, email: m.Email, sysAdmin: m.SysAdmin, locale: m.Locale?.startsWith("en") ? "en" : "sv" },
    unlicensedScopes,
    requestsMade,
  };
}
