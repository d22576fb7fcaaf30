import { formatDateTimeSeconds } from "@/lib/format";
import type { RunDetail } from "@/lib/sync/run-detail";
import { RESOURCE_NAMES, type ResourceName } from "@/lib/sync/resources/types";
import { PHASES } from "@/lib/sync/run-detail";
import type { RunPhase } from "@/lib/sync/runs";

import type { Locale, RunT } from "./types";

type Event = RunDetail["events"][number];

const str = (v: unknown) => (typeof v === "string" ? v : "");
const isResource = (v: unknown): v is ResourceName => (RESOURCE_NAMES as readonly unknown[]).includes(v);
const isPhase = (v: unknown): v is RunPhase => (PHASES as readonly unknown[]).includes(v);
const TRIGGERS = ["schedule", "manual", "connect", "realtime"] as const;

/** One event in words. Details come from the database, so every value is checked before it is shown. */
function describe(e: Event, t: RunT): string {
  const d = e.detail;
  const who = e.actorName ?? t("sync.run.someone");
  switch (e.type) {
    case "queued": {
      if (d.retryOf) return t("sync.run.event.queuedRetry");
      const trigger = TRIGGERS.find((x) => x === d.trigger);
      return t("sync.run.event.queued", { trigger: trigger ? t(`sync.trigger.${trigger}`) : "–" });
    }
    case "claimed":
      return d.resumed ? t("sync.run.event.resumed", { owner: str(d.owner), epoch: String(e.epoch) }) : t("sync.run.event.claimed", { owner: str(d.owner) });
    case "phase_done":
      return isResource(d.resource) && isPhase(d.phase) ? t("sync.run.event.phase_done", { resource: t(`sync.resource.${d.resource}`), phase: t(`sync.run.phase.${d.phase}`) }) : t("sync.run.event.unknown");
    case "released":
      return t("sync.run.event.released", { owner: str(d.owner) });
    case "succeeded":
      return t("sync.run.event.succeeded");
    case "failed":
      return t("sync.run.event.failed", { code: str(d.errorCode) || "–" });
    case "cancelled":
      return t("sync.run.event.cancelled", { who });
    case "retried":
      return t("sync.run.event.retried", { who });
    default:
      return t("sync.run.event.unknown");
  }
}

/** What happened to the run, oldest first, to the second. */
export function RunTimeline({ events, t, locale }: { events: RunDetail["events"]; t: RunT; locale: Locale }) {
  if (events.length === 0) return <p className="text-slate-600">{t("sync.run.timeline.empty")}</p>;
  return (
    <ol className="space-y-2 border-l-2 border-slate-200 pl-4" data-testid="run-timeline">
      {events.map((e) => (
        <li key={e.id} data-testid="run-event" data-type={e.type} className="text-sm">
          <time dateTime={e.at} className="mr-2 font-mono text-xs text-slate-600">
            {formatDateTimeSeconds(new Date(e.at), locale)}
          </time>
          <span className="text-slate-900">{describe(e, t)}</span>
        </li>
      ))}
    </ol>
  );
}
