import { fail, pass, type CheckResult, type DoctorDeps } from "./types";

export interface KeySetup {
  /** TOKEN_ENCRYPTION_KEY was set (not generated into DATA_DIR). */
  configured: boolean;
  mode: string;
  activeId: string;
  knownIds: string[];
  /** Key ids that sealed tokens in the database use. */
  idsInUse: string[];
}

export function checkEncryption(k: KeySetup): CheckResult {
  const unknown = k.idsInUse.filter((id) => !k.knownIds.includes(id));
  if (unknown.length > 0) {
    return fail(
      "encryption",
      { sv: `Lagrade token är krypterade med nycklar som inte är konfigurerade: ${unknown.join(", ")}. De kan inte läsas.`, en: `Stored tokens are sealed with keys that are not configured: ${unknown.join(", ")}. They cannot be read.` },
      { sv: `Lägg till de gamla nycklarna i TOKEN_ENCRYPTION_OLD_KEYS (id:base64nyckel,…) medan nya token krypteras med ${k.activeId}.`, en: `Add the old keys to TOKEN_ENCRYPTION_OLD_KEYS (id:base64key,…) while new tokens are sealed with ${k.activeId}.` },
    );
  }
  if (!k.configured && k.mode === "production") {
    return fail("encryption", { sv: "TOKEN_ENCRYPTION_KEY saknas.", en: "TOKEN_ENCRYPTION_KEY is missing." }, { sv: "Skapa en med openssl rand -base64 32 och sätt TOKEN_ENCRYPTION_KEY.", en: "Generate one with openssl rand -base64 32 and set TOKEN_ENCRYPTION_KEY." });
  }
  const old = k.knownIds.filter((id) => id !== k.activeId);
  const source = k.configured ? { sv: "TOKEN_ENCRYPTION_KEY", en: "TOKEN_ENCRYPTION_KEY" } : { sv: "genererad i DATA_DIR (sätt TOKEN_ENCRYPTION_KEY i drift)", en: "generated in DATA_DIR (set TOKEN_ENCRYPTION_KEY in production)" };
  return pass("encryption", {
    sv: `Aktiv nyckel ${k.activeId} (${source.sv}); gamla nycklar för rotation: ${old.length > 0 ? old.join(", ") : "inga"}.`,
    en: `Active key ${k.activeId} (${source.en}); old keys for rotation: ${old.length > 0 ? old.join(", ") : "none"}.`,
  });
}

export const WEBHOOK_PATH = "/api/webhooks/fortnox/consent";

/**
 * The consent webhook URL the operator registered in Fortnox's portal answers: a harmless POST
 * (an event our receiver ignores) must come back 2xx from our own receiver.
 */
export async function checkWebhook(url: string | null, clientId: string, secretConfigured: boolean, d: DoctorDeps): Promise<CheckResult> {
  if (!url) {
    return fail(
      "webhook",
      { sv: "Ingen webhook-adress är konfigurerad: återkallade servicekonton upptäcks först vid nästa tokenförnyelse.", en: "No webhook URL is configured: revoked service accounts are only noticed at the next token refresh." },
      { sv: `Registrera https://<portalen>${WEBHOOK_PATH}${secretConfigured ? "?secret=<FORTNOX_WEBHOOK_SECRET>" : ""} som webhook i Fortnox utvecklarportal och sätt samma adress i FORTNOX_WEBHOOK_URL.`, en: `Register https://<portal>${WEBHOOK_PATH}${secretConfigured ? "?secret=<FORTNOX_WEBHOOK_SECRET>" : ""} as the webhook in the Fortnox Developer Portal and put the same URL in FORTNOX_WEBHOOK_URL.` },
    );
  }
  const shown = url.replace(/secret=[^&]+/, "secret=…");
  if (secretConfigured && !/[?&]secret=/.test(url)) {
    return fail("webhook", { sv: `Webhook-adressen ${shown} saknar ?secret=, så mottagaren svarar 404.`, en: `The webhook URL ${shown} lacks ?secret=, so the receiver answers 404.` }, { sv: "Lägg till ?secret=<FORTNOX_WEBHOOK_SECRET> i adressen, både i Fortnox och i FORTNOX_WEBHOOK_URL.", en: "Add ?secret=<FORTNOX_WEBHOOK_SECRET> to the URL, both in Fortnox and in FORTNOX_WEBHOOK_URL." });
  }
  try {
    const res = await d.fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ event: "brygga-doctor-ping", tenantId: 1, clientId }), signal: AbortSignal.timeout(d.timeoutMs), redirect: "manual" });
    await res.body?.cancel().catch(() => undefined);
    if (res.ok) return pass("webhook", { sv: `Nåbar: ${shown}`, en: `Reachable: ${shown}` });
    return fail("webhook", { sv: `Webhook-adressen ${shown} svarade HTTP ${res.status}.`, en: `The webhook URL ${shown} answered HTTP ${res.status}.` }, { sv: `Adressen ska peka på portalens ${WEBHOOK_PATH} (med rätt ?secret= om FORTNOX_WEBHOOK_SECRET är satt).`, en: `The URL must point at the portal's ${WEBHOOK_PATH} (with the right ?secret= if FORTNOX_WEBHOOK_SECRET is set).` });
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    return fail("webhook", { sv: `Webhook-adressen ${shown} gick inte att nå: ${reason}.`, en: `The webhook URL ${shown} could not be reached: ${reason}.` }, { sv: "Kontrollera att adressen är publik (Fortnox måste nå den) och att portalen kör.", en: "Check the URL is public (Fortnox must reach it) and the portal is running." });
  }
}
