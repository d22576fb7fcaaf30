import Link from "next/link";

import type { Alert } from "@/lib/db/schema";
import { formatDate } from "@/lib/format";
import type { MessageKey } from "@/lib/i18n/dictionaries";

type T = (key: MessageKey, vars?: Record<string, string>) => string;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Where an alert is fixed: a failed run links to its own page (with its retry), the rest to the connection. */
function fixFor(alert: Alert): { href: string; label: MessageKey } | null {
  switch (alert.kind) {
    case "needs_reconnect":
    case "refresh_expiring":
    case "consent_revoked":
      return { href: "/settings/connection", label: "alerts.fix.connection" };
    case "run_failed": {
      const runId = (alert.detail as Record<string, unknown>).runId;
      return { href: typeof runId === "string" && UUID.test(runId) ? `/sync/runs/${runId}` : "/sync", label: "alerts.fix.sync" };
    }
    default:
      return null;
  }
}

function text(alert: Alert, t: T): string {
  const detail = alert.detail as Record<string, unknown>;
  switch (alert.kind) {
    case "refresh_expiring":
      return t("alerts.kind.refresh_expiring", { date: formatDate(typeof detail.expiresAt === "string" ? new Date(detail.expiresAt) : null) });
    case "needs_reconnect":
    case "run_failed":
    case "consent_revoked":
      return t(`alerts.kind.${alert.kind}`);
    default:
      return alert.kind;
  }
}

/**
 * The company's open alerts for its administrators, on every portal page. A landmark with a name
 * (not role="alert": it is there on every page load, and a screen reader should not interrupt for
 * it each time); each alert links to where it is fixed.
 */
export function AlertBanner({ alerts, t }: { alerts: Alert[]; t: T }) {
  if (alerts.length === 0) return null;
  return (
    <section aria-label={t("alerts.banner")} className="border-b border-amber-300 bg-amber-50" data-testid="alert-banner">
      <ul className="mx-auto max-w-6xl space-y-1 px-4 py-3 text-sm text-amber-950 sm:px-6">
        {alerts.map((a) => {
          const fix = fixFor(a);
          return (
            <li key={a.id} data-testid={`alert-${a.kind}`} className="flex flex-wrap items-baseline gap-x-3">
              <span>{text(a, t)}</span>
              {fix ? (
                <Link href={fix.href} className="font-semibold underline">
                  {t(fix.label)}
                </Link>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
