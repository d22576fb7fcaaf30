"use client";

import { useActionState, useState } from "react";

import type { ActionResult } from "@/lib/actions/connect";
import { disconnectWithFlash } from "@/lib/flash/actions";
import { buttonDanger, buttonSecondary } from "@/components/ui/styles";

interface Labels {
  disconnect: string;
  confirm: string;
  yes: string;
  cancel: string;
}

/** Disconnect with an explicit, in-page confirmation; failures are shown inline, not swallowed. */
export function DisconnectButton({ connectionId, labels }: { connectionId: string; labels: Labels }) {
  const [state, formAction, pending] = useActionState<ActionResult | null, FormData>(disconnectWithFlash, null);
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <button type="button" className={buttonDanger} onClick={() => setConfirming(true)}>
        {labels.disconnect}
      </button>
    );
  }
  return (
    <form action={formAction} className="rounded-md border border-red-200 bg-red-50 p-4">
      <p id="disconnect-confirm" className="text-sm text-red-900">
        {labels.confirm}
      </p>
      <input type="hidden" name="connectionId" value={connectionId} />
      <div className="mt-3 flex gap-3">
        <button type="submit" className={buttonDanger} disabled={pending} aria-describedby="disconnect-confirm">
          {labels.yes}
        </button>
        <button type="button" className={buttonSecondary} onClick={() => setConfirming(false)}>
          {labels.cancel}
        </button>
      </div>
      {state && !state.ok ? (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
