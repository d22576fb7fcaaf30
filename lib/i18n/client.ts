import type { MessageKey } from "./dictionaries";
import { interpolate } from "./interpolate";

/** A subset of one language's messages, sent to a client component (lib/i18n/server.ts getClientMessages). */
export type ClientMessages = Partial<Record<MessageKey, string>>;

/** The client's `t`: the same lookup and placeholders as the server's; a key not sent shows as itself. */
export function clientTranslator(messages: ClientMessages) {
  return (key: MessageKey, vars?: Record<string, string>) => interpolate(messages[key] ?? key, vars);
}
