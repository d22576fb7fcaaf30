import type { MessageKey } from "@/lib/i18n/dictionaries";

/** The server's translator (getTranslator), as the run page's components receive it. */
export type RunT = (key: MessageKey, vars?: Record<string, string>) => string;
export type Locale = "sv" | "en";
