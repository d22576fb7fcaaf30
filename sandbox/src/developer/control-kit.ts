import { z } from "zod";

import type { Sandbox } from "../core/context";

/** Shared shapes of the control API's routes. */

export interface ControlRoute {
  method: string;
  pattern: string;
  testOnly?: boolean;
  handler(sb: Sandbox, params: Record<string, string>, body: unknown, url: URL): { status: number; body?: unknown };
}

/** A control API error; `sv` is sent instead of the English text to callers that ask for Swedish. */
export class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly sv?: string,
  ) {
    super(message);
  }
}

const FIELDS_SV: Record<string, string> = {
  name: "Namn",
  email: "E-post",
  company: "Företag",
  acceptChangePolicy: "Ändringspolicyn",
  redirectUris: "Redirect-URI",
  scopes: "Behörigheter",
  serviceAccounts: "Servicekonton",
  webhookUrl: "Webhook-URL",
  description: "Beskrivning",
  companyUrl: "Företagets webbadress",
  landingUrl: "Landningssida",
  mode: "Publiceringssätt",
  monthlyPrice: "Månadspris",
  stars: "Betyg",
  tenantId: "Företag",
  userId: "Användare",
  developerId: "Utvecklare",
  seed: "Storlek",
  body: "Innehållet",
};

/** Swedish texts for the custom (English) messages the schemas use. */
const CUSTOM_SV: Record<string, string> = {
  "must be an http(s) URL": "måste vara en http- eller https-adress",
  "must not end with a slash (redirect URIs are matched exactly)": "får inte sluta med snedstreck (redirect-URI:er jämförs exakt)",
  "must not contain a fragment (#)": "får inte innehålla ett fragment (#)",
  "unknown scope": "okänd behörighet",
  "must be agreed to": "måste godkännas",
  "at most two decimals": "högst två decimaler",
};

function swedish(issue: z.core.$ZodIssue): string {
  const i = issue as z.core.$ZodIssue & { minimum?: number | bigint; maximum?: number | bigint; origin?: string; keys?: string[] };
  const custom = CUSTOM_SV[i.message];
  if (custom) return custom;
  switch (i.code) {
    case "invalid_type":
      return i.input === undefined ? "saknas" : "har fel typ";
    case "too_small":
      return i.origin === "string" ? (Number(i.minimum) <= 1 ? "får inte vara tomt" : `måste ha minst ${i.minimum} tecken`) : i.origin === "array" ? `måste ha minst ${i.minimum} värde` : `måste vara minst ${i.minimum}`;
    case "too_big":
      return i.origin === "string" ? `får ha högst ${i.maximum} tecken` : i.origin === "array" ? `får ha högst ${i.maximum} värden` : `får vara högst ${i.maximum}`;
    case "invalid_format":
      return i.format === "email" ? "är inte en giltig e-postadress" : i.format === "url" ? "är inte en giltig adress" : "har fel format";
    case "unrecognized_keys":
      return `okänt fält: ${(i.keys ?? []).join(", ")}`;
    case "invalid_value":
      return "har ett ogiltigt värde";
    default:
      return "är ogiltigt";
  }
}

export function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const r = schema.safeParse(body ?? {});
  if (r.success) return r.data;
  const where = (i: z.core.$ZodIssue) => i.path.join(".") || "body";
  const whereSv = (i: z.core.$ZodIssue) => {
    // "Redirect-URI 1" rather than "redirectUris.0": people count from one.
    const [head, ...rest] = i.path.map((p) => (typeof p === "number" ? String(p + 1) : String(p)));
    return [FIELDS_SV[head ?? "body"] ?? head, ...rest].join(" ");
  };
  throw new ControlError(400, r.error.issues.map((i) => `${where(i)}: ${i.message}`).join("; "), r.error.issues.map((i) => `${whereSv(i)}: ${swedish(i)}`).join("; "));
}

/** An absolute http(s) URL (other schemes would become javascript: links on the portal's pages). */
export const httpUrl = z
  .string()
  .trim()
  .max(500)
  .refine((v) => {
    try {
      return ["http:", "https:"].includes(new URL(v).protocol);
    } catch {
      return false;
    }
  }, "must be an http(s) URL");
