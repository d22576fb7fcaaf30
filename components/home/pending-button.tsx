"use client";

import { useFormStatus } from "react-dom";

/** A submit button that says it is working while its form's server action runs (it can take seconds). */
export function PendingButton({ label, pendingLabel, className, name, value }: { label: string; pendingLabel: string; className: string; name?: string; value?: string }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" name={name} value={value} className={className} disabled={pending} aria-disabled={pending}>
      {pending ? pendingLabel : label}
    </button>
  );
}
