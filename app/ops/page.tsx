import { LiveWindow } from "@/components/ops/live-window";
import { Badge, caption, table, TableScroll, td, tdNumeric, th, thNumeric } from "@/components/ui/table";
import { getDb } from "@/lib/db/client";
import { listCompaniesOverview } from "@/lib/db/queries/ops";
import { formatDateTime, formatNumber } from "@/lib/format";
import { getTranslator } from "@/lib/i18n/server";
import { requireOperatorPage } from "@/lib/ops/guard";

export const dynamic = "force-dynamic";

const tone = { active: "good", needs_reconnect: "warn", disconnected: "bad" } as const;

function age(from: Date | null, locale: "sv" | "en", never: string): string {
  if (!from) return never;
  const hours = Math.max(0, (Date.now() - from.getTime()) / 3_600_000);
  const f = new Intl.NumberFormat(locale === "sv" ? "sv-SE" : "en-SE", { maximumFractionDigits: 0 });
  return hours < 48 ? `${f.format(hours)} h` : `${f.format(hours / 24)} d`;
}

export default async function OpsCompaniesPage() {
  await requireOperatorPage();
  const { t, locale } = await getTranslator();
  const companies = await listCompaniesOverview(await getDb());
  return (
    <section aria-labelledby="ops-companies">
      <h1 id="ops-companies" className="mb-4 text-2xl font-semibold text-slate-900">{t("ops.companies.title")}</h1>
      {companies.length === 0 ? (
        <p>{t("ops.companies.empty")}</p>
      ) : (
        <TableScroll label={t("ops.companies.caption")}>
          <table className={table}>
            <caption className={caption}>{t("ops.companies.caption")}</caption>
            <thead>
              <tr>
                <th scope="col" className={th}>{t("ops.col.company")}</th>
                <th scope="col" className={th}>{t("ops.col.health")}</th>
                <th scope="col" className={th}>{t("ops.col.lastSync")}</th>
                <th scope="col" className={thNumeric}>{t("ops.col.failedRuns")}</th>
                <th scope="col" className={th}>{t("ops.col.tokenAge")}</th>
                <th scope="col" className={th}>{t("ops.col.refreshExpires")}</th>
                <th scope="col" className={thNumeric}>{t("ops.col.requests")}</th>
                <th scope="col" className={thNumeric}>{t("ops.col.limited")}</th>
                <th scope="col" className={thNumeric}>{t("ops.col.window")}</th>
              </tr>
            </thead>
            <tbody>
              {companies.map((c) => (
                <tr key={c.connectionId} data-testid="ops-company">
                  <th scope="row" className={td}>
                    {c.name} <span className="text-slate-600">({c.fortnoxTenantId}{c.serviceAccount ? `, ${t("ops.service")}` : ""})</span>
                  </th>
                  <td className={td}>
                    <Badge tone={tone[c.status]}>{t(`ops.health.${c.status}`)}</Badge>
                    {c.openAlerts > 0 ? <> <Badge tone="bad">{t("ops.health.alert")}: {c.openAlerts}</Badge></> : null}
                  </td>
                  <td className={td}>{c.lastRunAt ? `${formatDateTime(c.lastRunAt, locale)} · ${c.lastRunStatus}` : t("ops.never")}</td>
                  <td className={tdNumeric}>{formatNumber(c.failedRuns7d, locale)}</td>
                  <td className={td}>{age(c.tokensIssuedAt, locale, "–")}</td>
                  <td className={td}>{c.refreshTokenExpiresAt ? formatDateTime(c.refreshTokenExpiresAt, locale) : "–"}</td>
                  <td className={tdNumeric}>{formatNumber(c.requestsToday, locale)}</td>
                  <td className={tdNumeric}>{formatNumber(c.rateLimitedToday, locale)}</td>
                  <td className={tdNumeric}>
                    <LiveWindow fortnoxTenantId={c.fortnoxTenantId} pausedLabel={t("ops.window.paused")} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
