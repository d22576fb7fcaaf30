import { msg, translateRef, type MessageVars } from "@/lib/forms/message-ref";
import type { WriteMessageKey } from "@/lib/i18n/messages/write";

export type WriteMessages = Readonly<Record<WriteMessageKey, string>>;
export type WriteT = (key: WriteMessageKey, vars?: MessageVars) => string;

/** A `t` over the write-back strings a server page passed down. */
export function writeTranslator(messages: WriteMessages): WriteT {
  return (key, vars) => translateRef(msg(key, vars), messages);
}

/** The label of a posted field for the error summary: `${prefix}${field}` if such a string exists. */
export function fieldLabel(messages: WriteMessages, prefix: string, field: string): string {
  const key = `${prefix}${field}`;
  if (field === "active") return messages["write.active"];
  return Object.hasOwn(messages, key) ? messages[key as WriteMessageKey] : field;
}
