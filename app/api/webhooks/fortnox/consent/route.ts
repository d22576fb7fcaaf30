import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { fortnoxEndpoints } from "@/lib/fortnox/provider";
import { logger } from "@/lib/log";
import { checkServiceConsent } from "@/lib/ops/consent-check";
import { handleConsentWebhook } from "@/lib/ops/consent-webhook";
import { secretMatches } from "@/lib/ops/secret";

export const dynamic = "force-dynamic";

const MAX_BODY = 16 * 1024;

/**
 * Fortnox's consent created/revoked webhook (unsigned; see lib/ops/consent-webhook.ts). With
 * FORTNOX_WEBHOOK_SECRET set, the URL registered in Fortnox's developer portal must carry
 * `?secret=…`; without it the route answers 404 like any unknown path.
 */
export async function POST(request: Request): Promise<Response> {
  const env = getEnv();
  const secret = env.ops.webhookSecret;
  if (secret && !secretMatches(new URL(request.url).searchParams.get("secret"), secret)) return new Response(null, { status: 404 });
  const text = await request.text().catch(() => "");
  if (text.length > MAX_BODY) return Response.json({ error: { code: "invalid_input", message: "Body too large." } }, { status: 413 });
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return Response.json({ error: { code: "invalid_input", message: "The body must be JSON." } }, { status: 400 });
  }
  const endpoints = fortnoxEndpoints(env.fortnox);
  const oauth = { tokenUrl: endpoints.token, revokeUrl: endpoints.revoke, clientId: env.fortnox.clientId, clientSecret: env.fortnox.clientSecret, fetch: timeoutFetch };
  try {
    const outcome = await handleConsentWebhook({ db: await getDb(), clientId: env.fortnox.clientId, checkConsent: (t) => checkServiceConsent(oauth, t) }, body);
    return Response.json({ data: { result: outcome.result } }, { status: outcome.status });
  } catch (error) {
    logger.error("consent webhook failed", { error });
    return Response.json({ error: { code: "internal", message: "Internal error." } }, { status: 500 });
  }
}

/** Fortnox waits for nobody: confirm within a few seconds or answer 503. */
const timeoutFetch: typeof fetch = (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(4000) });
