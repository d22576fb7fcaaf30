import type { Translate } from "./list-header";

const MAX_SHOWN = 60;

/** A URL value as it can be shown back: control characters out, long ones cut. */
function shown(value: string): string {
  const clean = value.replace(/[\u0000-\u001f\u007f-\u009f]/g, " ");
  return clean.length > MAX_SHOWN ? `${clean.slice(0, MAX_SHOWN)}…` : clean;
}

/**
 * Which of the URL's list values the page could not use (a date that does not exist, a page size
 * it does not offer…; lib/browse/list-view.ts). A list never fails on them, but someone who typed
 * or was sent that address should see that the rows are not what it asked for. `note`: a filter
 * the list did use but that cannot match anything (a date range that ends before it starts).
 */
export function IgnoredParams({ ignored, labels, t, note }: { ignored: { key: string; value: string }[]; labels: Record<string, string>; t: Translate; note?: string | null }) {
  if (ignored.length === 0 && !note) return null;
  const label = (key: string) => labels[key] ?? (key === "sort" ? t("list.ignored.sort") : key === "dir" ? t("list.ignored.dir") : key);
  return (
    <div role="status" className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950" data-testid="ignored-params">
      {ignored.length > 0 ? (
        <>
          <p>{t("list.ignored")}</p>
          <ul className="mt-1 list-disc pl-5">
            {ignored.map(({ key, value }) => (
              <li key={key}>{t("list.ignored.item", { label: label(key), value: shown(value) })}</li>
            ))}
          </ul>
        </>
      ) : null}
      {note ? <p className={ignored.length > 0 ? "mt-2" : undefined}>{note}</p> : null}
    </div>
  );
}
