import { apiError, FortnoxApiError } from "../core/errors";
import type { Wire } from "../core/types";

import type { FieldTable } from "./fields";

/**
 * Body checks shared by every write: the `{"Customer": {...}}` wrapper (else 2001392), field
 * names (2001399), and JSON types — numbers may come as numeric strings, as Fortnox accepts.
 */
export function unwrap(body: unknown, wrapper: string): Wire {
  const inner = body && typeof body === "object" ? (body as Record<string, unknown>)[wrapper] : undefined;
  if (!inner || typeof inner !== "object" || Array.isArray(inner)) throw apiError("emptyBody");
  return inner as Wire;
}

export function cleanFields(input: Wire, fields: FieldTable, readOnly: Set<string>): Wire {
  const out: Wire = {};
  for (const [key, value] of Object.entries(input)) {
    if (readOnly.has(key)) continue;
    const type = fields[key];
    if (!type) throw apiError("unknownField");
    if (value === null) {
      out[key] = value;
      continue;
    }
    switch (type) {
      case "number": {
        const num = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
        if (typeof num !== "number" || !Number.isFinite(num)) throw apiError("mustBeNumeric");
        out[key] = num;
        break;
      }
      case "boolean":
        if (typeof value !== "boolean") throw apiError("mustBeBoolean");
        out[key] = value;
        break;
      case "string":
        if (typeof value !== "string" && typeof value !== "number") throw apiError("unknownField");
        out[key] = String(value);
        break;
      case "array":
        if (!Array.isArray(value)) throw apiError("emptyBody");
        out[key] = value;
        break;
      case "object":
        if (typeof value !== "object" || Array.isArray(value)) throw apiError("emptyBody");
        out[key] = value;
    }
  }
  return out;
}

/** A required field is missing: Fortnox answers 400 with a message naming it. */
export function missingField(field: string): FortnoxApiError {
  return new FortnoxApiError(400, 2000729, `${field} är obligatoriskt / ${field} is required`);
}
