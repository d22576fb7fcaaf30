"use client";

import { useActionState } from "react";

import { disconnectAction, type ActionResult } from "@/lib/actions/connect";
import { buttonDanger } from "@/components/ui/styles";

/** Disconnect with an explicit confirmation; failures are shown inline, not swallowed. */
export function DisconnectButton({ connectionId, label, confirmText }: { connectionId: string; label: string; confirmText: string }) {
  const [state, formAction, pending] = useActionState<ActionResult | null, FormData>(disconnectAction, null);
  return (
    <form
      action={formAction}
      onSubmit={(e) => {
        if (!window.confirm(confirmText)) e.preventDefault();
      }}
    >
      <input type="hidden" name="connectionId" value={connectionId} />
      <button type="submit" className={buttonDanger} disabled={pending}>
        {label}
      </button>
      {state && !state.ok ? (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
