import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";

import { requireViewerPage } from "@/lib/auth/guards";
import { getDb } from "@/lib/db/client";
import { formatDateTime } from "@/lib/format";
import type { MessageKey } from "@/lib/i18n/dictionaries";
import { getTranslator } from "@/lib/i18n/server";
import { AUDIT_TYPES, listAuditEvents, parseAuditFilter, type AuditFilter } from "@/lib/settings/audit";
import { listMembers } from "@/lib/settings/members";
import { buttonSecondary, input } from "@/components/ui/styles";
import { caption, table, TableScroll, td, tdWrap, th } from "@/components/ui/table";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("settings.audit.title") };
}

type Search = Record<string, string | string[] | undefined>;

function exportQuery(filter: AuditFilter): string {
  const q = new URLSearchParams();
  for (const key of ["type", "actor", "from", "to"] as const) if (filter[key]) q.set(key, filter[key]);
  return q.size > 0 ? `?${q.toString()}` : "";
}

/** The company's audit log, for its administrators only (404 to everyone else). */
export default async function AuditPage({ searchParams }: { searchParams: Promise<Search> }) {
  const { active } = await requireViewerPage();
  if (active.role !== "admin") notFound();
  const { t, locale } = await getTranslator();
  const db = await getDb();
  const params = await searchParams;
  const { filter, invalid } = parseAuditFilter(params);
  const [{ rows, next }, members] = await Promise.all([listAuditEvents(db, active.tenantId, filter), listMembers(db, active.tenantId)]);
  const typeLabel = (type: string) => ((AUDIT_TYPES as readonly string[]).includes(type) ? t(`settings.audit.type.${type}` as MessageKey) : type);
  const nextHref = next ? `?${new URLSearchParams({ ...(filter.type ? { type: filter.type } : {}), ...(filter.actor ? { actor: filter.actor } : {}), ...(filter.from ? { from: filter.from } : {}), ...(filter.to ? { to: filter.to } : {}), after: next }).toString()}` : null;
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">{t("settings.audit.title")}</h1>
      <form method="get" className="flex flex-wrap items-end gap-4" aria-label={t("settings.audit.filter")}>
        <label className="flex flex-col text-sm">
          {t("settings.audit.event")}
          <select name="type" defaultValue={filter.type ?? ""} className={input}>
            <option value="">{t("settings.audit.any")}</option>
            {AUDIT_TYPES.map((type) => (
              <option key={type} value={type}>
                {typeLabel(type)}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col text-sm">
          {t("settings.audit.actor")}
          <select name="actor" defaultValue={filter.actor ?? ""} className={input}>
            <option value="">{t("settings.audit.any")}</option>
            {members.map((m) => (
              <option key={m.userId} value={m.userId}>
                {m.name || m.email}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col text-sm">
          {t("settings.audit.from")}
          <input type="date" name="from" defaultValue={filter.from ?? ""} className={input} />
        </label>
        <label className="flex flex-col text-sm">
          {t("settings.audit.to")}
          <input type="date" name="to" defaultValue={filter.to ?? ""} className={input} />
        </label>
        <button type="submit" className={buttonSecondary}>
          {t("settings.audit.apply")}
        </button>
        {/* The applied filters, valid ones only: the export holds exactly the rows shown. */}
        <a href={`/api/connections/${active.connectionId}/audit${exportQuery(filter)}`} className={buttonSecondary} download>
          {t("settings.audit.export")}
        </a>
      </form>
      {invalid.length > 0 ? (
        <p role="alert" className="text-sm text-red-700">
          {t("settings.audit.invalid", { fields: invalid.join(", ") })}
        </p>
      ) : null}
      <TableScroll label={t("settings.audit.title")}>
        <table className={table} data-testid="audit-table">
          <caption className={caption}>{t("settings.audit.title")}</caption>
          <thead>
            <tr>
              <th scope="col" className={th}>{t("settings.audit.when")}</th>
              <th scope="col" className={th}>{t("settings.audit.event")}</th>
              <th scope="col" className={th}>{t("settings.audit.actor")}</th>
              <th scope="col" className={th}>{t("settings.audit.detail")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td className={td} colSpan={4}>
                  {t("settings.audit.empty")}
                </td>
              </tr>
            ) : (
              rows.map((r) => (
                <tr key={r.id} data-testid="audit-row">
                  <td className={td}>{formatDateTime(r.createdAt, locale)}</td>
                  <td className={td}>{typeLabel(r.type)}</td>
                  <td className={td}>{r.actorName || r.actorEmail || t("settings.audit.system")}</td>
                  <td className={tdWrap}>
                    <code className="text-xs">{JSON.stringify(r.detail)}</code>
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </TableScroll>
      {nextHref ? (
        <Link href={nextHref} prefetch={false} className={buttonSecondary}>
          {t("settings.audit.older")}
        </Link>
      ) : null}
    </div>
  );
}
