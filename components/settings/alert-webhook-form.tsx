"use client";

import { useActionState } from "react";

import { removeAlertWebhookAction, saveAlertWebhookAction, type SavedWebhook } from "@/lib/actions/alerts";
import type { ActionResult } from "@/lib/actions/result";
import { buttonPrimary, buttonSecondary, input } from "@/components/ui/styles";

export interface AlertWebhookLabels {
  url: string;
  save: string;
  saved: string;
  secret: string;
  remove: string;
  removed: string;
}

/**
 * The alert webhook's URL. Saving answers with the new signing secret, shown here once (it lives
 * only in this component's state: a reload forgets it, and the server never sends it again).
 */
export function AlertWebhookForm({ connectionId, current, labels }: { connectionId: string; current: string | null; labels: AlertWebhookLabels }) {
  const [saved, save, saving] = useActionState<ActionResult<SavedWebhook> | null, FormData>(saveAlertWebhookAction, null);
  const [removed, remove, removing] = useActionState<ActionResult<{ removed: true }> | null, FormData>(removeAlertWebhookAction, null);
  const urlError = saved && !saved.ok ? (saved.fields?.url?.[0] ?? saved.message) : null;
  return (
    <div className="space-y-4">
      <form action={save} className="flex flex-wrap items-end gap-3" noValidate>
        <input type="hidden" name="connectionId" value={connectionId} />
        <label className="flex min-w-80 flex-1 flex-col text-sm">
          {labels.url}
          <input
            type="url"
            name="url"
            required
            defaultValue={current ?? ""}
            className={input}
            aria-invalid={urlError ? true : undefined}
            aria-describedby={urlError ? "webhook-url-error" : undefined}
          />
        </label>
        <button type="submit" className={buttonPrimary} disabled={saving}>
          {labels.save}
        </button>
      </form>
      {urlError ? (
        <p id="webhook-url-error" role="alert" className="text-sm text-red-700">
          {urlError}
        </p>
      ) : null}
      {saved?.ok ? (
        <div role="status" className="rounded-md border border-green-300 bg-green-50 p-4 text-sm text-green-950">
          <p>{labels.saved}</p>
          <p className="mt-2">
            {labels.secret}: <code data-testid="webhook-secret" className="break-all select-all">{saved.data.secret}</code>
          </p>
        </div>
      ) : null}
      {current ? (
        <form action={remove}>
          <input type="hidden" name="connectionId" value={connectionId} />
          <button type="submit" className={buttonSecondary} disabled={removing}>
            {labels.remove}
          </button>
        </form>
      ) : null}
      {removed ? (
        <p role={removed.ok ? "status" : "alert"} className="text-sm">
          {removed.ok ? labels.removed : removed.message}
        </p>
      ) : null}
    </div>
  );
}
