import "server-only";

import { getLocale } from "./server";
import { en, sv, type WriteMessageKey } from "./messages/write";

export type WriteMessages = Readonly<Record<WriteMessageKey, string>>;

/** The write-back strings in the request's language: what client forms receive as props. */
export async function getWriteMessages(): Promise<{ locale: "sv" | "en"; messages: WriteMessages }> {
  const locale = await getLocale();
  return { locale, messages: locale === "en" ? en : sv };
}
