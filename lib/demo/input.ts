import { z } from "zod";

import { AppError, isAppError } from "@/lib/errors";
import { parseMessageRef } from "@/lib/forms/message-ref";
import { logger } from "@/lib/log";

import { SCENARIOS, SPEEDS } from "./sandbox";

/** The demo's form fields: each validated, each failure one translated message ("demo.error.*"). */

export const tenantIdField = z
  .string()
  .regex(/^[1-9]\d{0,9}$/)
  .transform(Number)
  .pipe(z.number().max(2_147_483_647));
export const scenarioField = z.enum(SCENARIOS);
export const speedField = z
  .enum(SPEEDS.map(String) as [string, ...string[]])
  .transform((s) => Number(s) as (typeof SPEEDS)[number]);

/** A form field, trimmed; absent or a file is "". */
export function field(formData: FormData, name: string): string {
  const v = formData.get(name);
  return typeof v === "string" ? v.trim() : "";
}

export function parseField<T>(schema: z.ZodType<T>, value: string): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new AppError("invalid_input", "demo.error.invalid");
  return r.data;
}

/** The message key to show for a failure; anything unexpected is logged and said generically. */
export function demoErrorKey(e: unknown): string {
  if (isAppError(e)) {
    const { key } = parseMessageRef(e.message);
    if (key.startsWith("demo.error.")) return key;
  }
  logger.error("demo action failed", { error: e });
  return "demo.error.unexpected";
}
