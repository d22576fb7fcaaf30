import type { Quirks } from "../core/context";

/**
 * Response rewriting for the quirk switches (docs/fortnox.md#api-conventions): numbers serialised as strings,
 * and dates that are absent or null sent as "". Applied to /3 bodies after the handler ran.
 */

const DATE_FIELDS = new Set(["DueDate", "FinalPayDate", "InvoiceDate", "DeliveryDate", "LastRemindDate", "OutboundDate", "InvoicePeriodStart", "InvoicePeriodEnd"]);

function rewrite(value: unknown, quirks: Quirks, key?: string): unknown {
  if (Array.isArray(value)) return value.map((v) => rewrite(v, quirks));
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      // MetaInformation stays numeric: it is the envelope, not the record.
      out[k] = k === "MetaInformation" ? v : rewrite(v, quirks, k);
    }
    if (quirks.emptyStringDates) for (const f of DATE_FIELDS) if (f in out || looksLikeRecord(out)) out[f] = out[f] ?? "";
    return out;
  }
  if (quirks.numbersAsStrings && typeof value === "number") return String(value);
  if (quirks.emptyStringDates && value === null && key && DATE_FIELDS.has(key)) return "";
  return value;
}

function looksLikeRecord(o: Record<string, unknown>): boolean {
  return "DocumentNumber" in o && "InvoiceDate" in o;
}

export function applyQuirks(body: unknown, quirks: Quirks): unknown {
  if (!quirks.numbersAsStrings && !quirks.emptyStringDates) return body;
  return rewrite(body, quirks);
}

export function errorBody(code: number, message: string, quirks: Quirks) {
  return quirks.errorKeyCase === "capitalised"
    ? { ErrorInformation: { Error: 1, Message: message, Code: code } }
    : { ErrorInformation: { error: 1, message, code } };
}
