import type { SyncSettingsOptions, SyncSettingsView, SyncT } from "./format";

/**
 * The settings for members who are not admins: read-only, with the reason. The action refuses
 * them as well; this only spares them a form that cannot succeed.
 */
export function SyncSettingsSummary({ settings, options, t }: { settings: SyncSettingsView; options: SyncSettingsOptions; t: SyncT }) {
  const labelOf = (list: { value: string; label: string }[], value: string | number) => list.find((o) => o.value === String(value))?.label ?? String(value);
  const onOff = (v: boolean) => (v ? t("sync.settings.on") : t("sync.settings.off"));
  const rows = [
    [t("sync.settings.resources"), settings.resources.map((r) => labelOf(options.resources, r)).join(", ")],
    [t("sync.settings.interval"), labelOf(options.intervals, settings.intervalMinutes)],
    [t("sync.settings.realtime"), onOff(settings.realtime)],
    [t("sync.settings.reconcile"), labelOf(options.reconcile, settings.reconcileIntervalHours)],
    [t("sync.settings.paused"), onOff(settings.paused)],
  ] as const;
  return (
    <div data-testid="sync-settings-readonly">
      <p className="mt-2 rounded-md bg-amber-50 p-3 text-sm text-amber-900">{t("sync.settings.readOnly")}</p>
      <dl className="mt-4 grid gap-x-8 gap-y-3 text-sm sm:grid-cols-2">
        {rows.map(([term, value]) => (
          <div key={term}>
            <dt className="text-slate-600">{term}</dt>
            <dd className="mt-0.5 font-medium">{value}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
