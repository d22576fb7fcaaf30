import type { ResultCount as Count } from "@/lib/db/queries/counts";
import { formatNumber } from "@/lib/format";

import type { Translate } from "./list-header";

/** An estimate to two significant figures: "ca 100 000", not a falsely precise "ca 99 873". */
function rounded(n: number): number {
  if (n < 100) return n;
  const step = 10 ** (Math.floor(Math.log10(n)) - 1);
  return Math.round(n / step) * step;
}

const TOTAL = { exact: "list.count.total", over: "list.count.total.over", estimate: "list.count.total.estimate" } as const;
const RANGE = { exact: "list.count", over: "list.count.over", estimate: "list.count.estimate" } as const;

/**
 * "1–25 av 2 500" above a list: which rows are shown out of how many match. `start` is the page's
 * 0-based position (null when a link did not carry it: then only the total is shown). An estimated
 * total says so ("ca"; "fler än 2 000" when the planner's guess is below what was counted), with
 * the reason in a tooltip-free note for screen readers and sighted users.
 */
export function ResultCount({ count, start, shown, t, locale }: { count: Count; start: number | null; shown: number; t: Translate; locale: "sv" | "en" }) {
  const total = formatNumber(count.exact || count.over ? count.total : rounded(count.total), locale, 0);
  const kind = count.exact ? "exact" : count.over ? "over" : "estimate";
  let text: string;
  if (shown === 0 && count.exact && count.total === 0) text = t("list.count.none");
  else if (start === null || shown === 0 || (count.exact && start + shown > count.total)) text = t(TOTAL[kind], { total });
  else text = t(RANGE[kind], { from: formatNumber(start + 1, locale, 0), to: formatNumber(start + shown, locale, 0), total });
  return (
    <p className="text-sm text-slate-700" aria-live="polite" data-testid="result-count" data-exact={count.exact}>
      {text}
      {count.exact ? null : <span className="ml-1 text-xs text-slate-600">({t("list.count.estimate.note")})</span>}
    </p>
  );
}
