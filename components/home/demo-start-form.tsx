"use client";

import { useState, type ReactNode } from "react";

/**
 * A plain form post to /demo/start (see its route for why it is not a server action). The button
 * says it is working and cannot be pressed twice while the demo company is made and signed in to.
 */
export function DemoStartForm({ label, pendingLabel, className, from, tenantId, children }: { label: string; pendingLabel: string; className: string; from: "home" | "demo"; tenantId?: number; children?: ReactNode }) {
  const [pending, setPending] = useState(false);
  return (
    <form method="post" action="/demo/start" onSubmit={(e) => (pending ? e.preventDefault() : setPending(true))} aria-busy={pending}>
      <input type="hidden" name="from" value={from} />
      {tenantId === undefined ? null : <input type="hidden" name="tenantId" value={tenantId} />}
      {children}
      <button type="submit" className={className} aria-disabled={pending}>
        {pending ? pendingLabel : label}
      </button>
    </form>
  );
}
