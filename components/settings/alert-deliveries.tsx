import type { AlertDelivery } from "@/lib/db/schema";
import { formatDateTime } from "@/lib/format";
import type { MessageKey } from "@/lib/i18n/dictionaries";
import { caption, table, TableScroll, td, th } from "@/components/ui/table";

type T = (key: MessageKey, vars?: Record<string, string>) => string;

const EVENTS = new Set(["alert.raised", "alert.resolved"]);
const STATUSES = new Set(["pending", "delivered", "failed"]);

/** The latest webhook deliveries: what was sent, how it went, how many attempts. */
export function AlertDeliveries({ rows, t, locale }: { rows: AlertDelivery[]; t: T; locale: "sv" | "en" }) {
  return (
    <TableScroll label={t("settings.alerts.deliveries")}>
      <table className={table} data-testid="alert-deliveries">
        <caption className={caption}>{t("settings.alerts.deliveries")}</caption>
        <thead>
          <tr>
            <th scope="col" className={th}>{t("settings.alerts.col.when")}</th>
            <th scope="col" className={th}>{t("settings.alerts.col.event")}</th>
            <th scope="col" className={th}>{t("settings.alerts.col.status")}</th>
            <th scope="col" className={th}>{t("settings.alerts.col.attempts")}</th>
            <th scope="col" className={th}>{t("settings.alerts.col.answer")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td className={td} colSpan={5}>
                {t("settings.alerts.deliveries.empty")}
              </td>
            </tr>
          ) : (
            rows.map((d) => (
              <tr key={d.id} data-testid="delivery-row">
                <td className={td}>{formatDateTime(d.createdAt, locale)}</td>
                <td className={td}>
                  {EVENTS.has(d.event) ? t(`settings.alerts.event.${d.event}` as MessageKey) : d.event}: {d.kind}
                </td>
                <td className={td}>{STATUSES.has(d.status) ? t(`settings.alerts.status.${d.status}` as MessageKey) : d.status}</td>
                <td className={td}>{d.attempts}</td>
                <td className={td}>{d.lastError ?? (d.lastStatusCode ? `HTTP ${d.lastStatusCode}` : "–")}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </TableScroll>
  );
}
