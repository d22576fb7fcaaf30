"use client";

import { useActionState, useState } from "react";

import type { ActionResult } from "@/lib/actions/result";
import { cancelRunAction, retryRunAction, type RunCancelled, type RunRetried } from "@/lib/actions/sync-runs";
import { buttonDanger, buttonPrimary, buttonSecondary } from "@/components/ui/styles";

export interface RunControlLabels {
  cancel: string;
  cancelConfirm: string;
  cancelYes: string;
  cancelNo: string;
  cancelled: string;
  retry: string;
  retryLead: string;
}

interface Props {
  connectionId: string;
  runId: string;
  canCancel: boolean;
  canRetry: boolean;
  labels: RunControlLabels;
}

/** Cancel an open run (after a confirmation) or retry a failed one; refusals show inline. */
export function RunControls({ connectionId, runId, canCancel, canRetry, labels }: Props) {
  const [cancelState, cancelAction, cancelling] = useActionState<ActionResult<RunCancelled> | null, FormData>(cancelRunAction, null);
  const [retryState, retryAction, retrying] = useActionState<ActionResult<RunRetried> | null, FormData>(retryRunAction, null);
  const [confirming, setConfirming] = useState(false);
  const failure = [cancelState, retryState].find((s) => s && !s.ok);
  const hidden = (
    <>
      <input type="hidden" name="connectionId" value={connectionId} />
      <input type="hidden" name="runId" value={runId} />
    </>
  );
  return (
    <div className="space-y-2" data-testid="run-controls">
      {canCancel && confirming ? (
        <form action={cancelAction} className="rounded-md border border-red-200 bg-red-50 p-3">
          <p id="cancel-run-confirm" className="text-sm text-red-900">
            {labels.cancelConfirm}
          </p>
          {hidden}
          <div className="mt-2 flex flex-wrap gap-2">
            <button type="submit" className={buttonDanger} disabled={cancelling} aria-describedby="cancel-run-confirm">
              {labels.cancelYes}
            </button>
            <button type="button" className={buttonSecondary} onClick={() => setConfirming(false)}>
              {labels.cancelNo}
            </button>
          </div>
        </form>
      ) : canCancel ? (
        <button type="button" className={buttonDanger} onClick={() => setConfirming(true)}>
          {labels.cancel}
        </button>
      ) : null}
      {canRetry ? (
        <form action={retryAction} className="flex flex-wrap items-center gap-3">
          {hidden}
          <button type="submit" className={buttonPrimary} disabled={retrying} aria-describedby="retry-run-lead">
            {labels.retry}
          </button>
          <span id="retry-run-lead" className="text-sm text-slate-700">
            {labels.retryLead}
          </span>
        </form>
      ) : null}
      <p role="status" className="text-sm text-green-800">
        {cancelState?.ok ? labels.cancelled : ""}
      </p>
      {failure && !failure.ok ? (
        <p role="alert" className="text-sm text-red-700">
          {failure.message}
        </p>
      ) : null}
    </div>
  );
}
