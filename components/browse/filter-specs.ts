import type { MessageKey } from "@/lib/i18n/dictionaries";

import type { FilterFieldSpec } from "./list-filters";
import type { Translate } from "./list-header";

/** A date filter's field, its hint and the date field's own labels translated (components/ui/date-field.tsx). */
export function dateFilter(name: string, label: string, t: Translate): FilterFieldSpec {
  return { kind: "date", name, label, hint: t("date.hint"), labels: { placeholder: t("date.placeholder"), invalid: t("date.invalid"), calendar: t("date.calendar", { label }) } };
}

/** A select filter with an "any" choice first; each option is a URL value and the message naming it. */
export function selectFilter(name: string, label: string, t: Translate, options: readonly (readonly [string, MessageKey])[]): FilterFieldSpec {
  return { kind: "select", name, label, anyLabel: t("list.all"), options: options.map(([value, key]) => ({ value, label: t(key) })) };
}
