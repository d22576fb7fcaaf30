"use client";

import { saveSyncSettingsAction } from "@/lib/actions/sync";
import type { SyncMessages } from "@/lib/i18n/messages/sync";
import { ErrorSummary } from "@/components/forms/error-summary";
import { CheckboxField, fieldId, SelectField } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { useWriteForm } from "@/components/forms/use-write-form";

import { syncTranslator, type SyncSettingsOptions, type SyncSettingsView } from "./format";

/**
 * The admins' sync settings form. Every field error comes back at once (the action validates the
 * whole form with the shared schema); what was chosen stays chosen after a rejected save.
 */
export function SyncSettingsForm({ connectionId, settings, options, messages }: { connectionId: string; settings: SyncSettingsView; options: SyncSettingsOptions; messages: SyncMessages }) {
  const t = syncTranslator(messages);
  const { state, formAction, pending, onSubmit, errorsFor } = useWriteForm(saveSyncSettingsAction);
  const labels: Record<string, string> = {
    resources: t("sync.settings.resources"),
    intervalMinutes: t("sync.settings.interval"),
    realtime: t("sync.settings.realtime"),
    reconcileIntervalHours: t("sync.settings.reconcile"),
    paused: t("sync.settings.paused"),
  };
  const resourceErrors = errorsFor("resources");
  const resourceErrorId = `${fieldId("resources")}-error`;
  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="mt-4 space-y-5" data-testid="sync-settings-form">
      <input type="hidden" name="connectionId" value={connectionId} />
      <ErrorSummary result={state} title={t("sync.settings.errorTitle")} fieldsIntro={t("sync.settings.errorFields")} labelOf={(f) => labels[f] ?? f} />
      <fieldset aria-describedby={resourceErrors ? resourceErrorId : undefined}>
        <legend className="text-sm font-medium text-slate-800">{labels.resources}</legend>
        <div className="mt-2 flex flex-wrap gap-x-6 gap-y-2">
          {options.resources.map((r, i) => {
            // The first box carries the group's id, so the error summary's link lands on the group.
            const id = i === 0 ? fieldId("resources") : `${fieldId("resources")}-${r.value}`;
            return (
              <div key={r.value} className="flex items-center gap-2">
                <input type="checkbox" id={id} name={`resources.${i}`} value={r.value} defaultChecked={settings.resources.includes(r.value)} aria-invalid={resourceErrors ? true : undefined} className="h-4 w-4" />
                <label htmlFor={id} className="text-sm text-slate-800">
                  {r.label}
                </label>
              </div>
            );
          })}
        </div>
        {resourceErrors ? (
          <p id={resourceErrorId} className="mt-1 text-sm text-red-700">
            {resourceErrors.join(" ")}
          </p>
        ) : null}
      </fieldset>
      <div className="grid gap-5 sm:grid-cols-2">
        <SelectField name="intervalMinutes" label={labels.intervalMinutes!} options={options.intervals} defaultValue={String(settings.intervalMinutes)} errors={errorsFor("intervalMinutes")} />
        <SelectField name="reconcileIntervalHours" label={labels.reconcileIntervalHours!} options={options.reconcile} defaultValue={String(settings.reconcileIntervalHours)} errors={errorsFor("reconcileIntervalHours")} />
      </div>
      <CheckboxField name="realtime" label={labels.realtime!} defaultChecked={settings.realtime} errors={errorsFor("realtime")} />
      <CheckboxField name="paused" label={labels.paused!} hint={t("sync.settings.paused.hint")} defaultChecked={settings.paused} errors={errorsFor("paused")} />
      <div className="flex flex-wrap items-center gap-4">
        <SubmitButton pending={pending} label={t("sync.settings.save")} pendingLabel={t("sync.settings.saving")} />
        <p role="status" className="text-sm text-green-800" data-testid="sync-settings-saved">
          {state?.ok ? t("sync.settings.saved") : ""}
        </p>
      </div>
    </form>
  );
}
