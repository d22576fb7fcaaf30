import "server-only";

import { cookies, headers } from "next/headers";

import { DEFAULT_LOCALE, dictionaries, LOCALES, type Locale, type MessageKey } from "./dictionaries";
import type { ClientMessages } from "./client";
import { interpolate } from "./interpolate";

export const LOCALE_COOKIE = "brygga-locale";

function isLocale(value: string | undefined): value is Locale {
  return value !== undefined && (LOCALES as string[]).includes(value);
}

/** The request's locale: the remembered choice, else the browser's preference, else Swedish. */
export async function getLocale(): Promise<Locale> {
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(chosen)) return chosen;
  const accept = (await headers()).get("accept-language") ?? "";
  const preferred = accept
    .split(",")
    .map((part) => part.trim().slice(0, 2).toLowerCase())
    .find(isLocale);
  return preferred ?? DEFAULT_LOCALE;
}

export async function getTranslator() {
  const locale = await getLocale();
  const dict = dictionaries[locale];
  const t = (key: MessageKey, vars: Record<string, string> = {}) => interpolate(dict[key], vars);
  return { locale, t };
}

/**
 * The messages whose keys start with one of `prefixes`, for a client component that renders text
 * from data it fetches itself (a list's pages; components/browse/list-results.tsx).
 */
export async function getClientMessages(prefixes: readonly string[]): Promise<{ locale: Locale; messages: ClientMessages }> {
  const locale = await getLocale();
  const messages: ClientMessages = Object.fromEntries(Object.entries(dictionaries[locale]).filter(([key]) => prefixes.some((p) => key.startsWith(p))));
  return { locale, messages };
}
