import { setLocaleAction } from "@/lib/actions/locale";
import type { MessageKey } from "@/lib/i18n/dictionaries";

import { buttonSecondary } from "./styles";

/** The one language button of every header: it names the other language, in that language. */
export function LocaleSwitch({ t, locale }: { t: (key: MessageKey) => string; locale: "sv" | "en" }) {
  const other = locale === "sv" ? "en" : "sv";
  return (
    <form action={setLocaleAction}>
      <input type="hidden" name="locale" value={other} />
      <button type="submit" className={buttonSecondary} data-testid="locale-switch">
        <span className="sr-only">{t("locale.label")}: </span>
        <span lang={other}>{t("locale.switchTo")}</span>
      </button>
    </form>
  );
}
