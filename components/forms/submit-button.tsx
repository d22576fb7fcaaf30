import { buttonPrimary } from "@/components/ui/styles";

/** The submit button with its pending state announced (aria-busy) and the label swapped while it lasts. */
export function SubmitButton({ pending, label, pendingLabel }: { pending: boolean; label: string; pendingLabel: string }) {
  return (
    <button type="submit" className={buttonPrimary} disabled={pending} aria-busy={pending || undefined}>
      {pending ? pendingLabel : label}
    </button>
  );
}
