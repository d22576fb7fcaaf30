"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** How often an open run's page is rendered again: the progress writer saves about once a second. */
const EVERY_MS = 2_000;

/**
 * While a run is queued or running, its page renders itself again from the server every couple of
 * seconds (summary, phases, failures, timeline), so an administrator watching it sees it move and
 * end without reloading. The render that shows the run ended stops it. A hidden tab waits.
 */
export function RefreshWhileOpen({ open }: { open: boolean }) {
  const router = useRouter();
  useEffect(() => {
    if (!open) return;
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") router.refresh();
    }, EVERY_MS);
    return () => clearInterval(timer);
  }, [open, router]);
  return null;
}
