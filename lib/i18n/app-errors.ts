import type { AppError } from "@/lib/errors";
import { isMessageRef, msg, translateRef } from "@/lib/forms/message-ref";

/**
 * An AppError's message and field messages in one language. A message that is a known key (or a
 * message reference) is translated; anything else (an English literal from a guard, zod's own
 * text) gives way to the code's translated message, so no untranslated text reaches a person.
 */
export function localizeAppError(e: AppError, dict: Readonly<Record<string, string>>): { message: string; fields?: Record<string, string[]> } {
  const message = isMessageRef(e.message, dict) ? translateRef(e.message, dict) : translateRef(msg(`write.error.${e.code}`), dict);
  const one = (m: string) => (isMessageRef(m, dict) ? translateRef(m, dict) : translateRef("write.err.invalid", dict));
  const fields = e.fields ? Object.fromEntries(Object.entries(e.fields).map(([k, list]) => [k, [...new Set(list.map(one))]])) : undefined;
  return { message, ...(fields ? { fields } : {}) };
}
