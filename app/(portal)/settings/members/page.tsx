import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { requireViewerPage } from "@/lib/auth/guards";
import { getDb } from "@/lib/db/client";
import { formatDateTime } from "@/lib/format";
import { getTranslator } from "@/lib/i18n/server";
import { listMembers } from "@/lib/settings/members";
import { MemberActions } from "@/components/settings/member-actions";
import { Badge, caption, table, TableScroll, td, th } from "@/components/ui/table";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("settings.members.title") };
}

/** The company's members, for its administrators only: to anyone else the page does not exist. */
export default async function MembersPage() {
  const { active, user } = await requireViewerPage();
  if (active.role !== "admin") notFound();
  const { t, locale } = await getTranslator();
  const members = await listMembers(await getDb(), active.tenantId);
  const roles = { admin: t("settings.members.role.admin"), member: t("settings.members.role.member"), viewer: t("settings.members.role.viewer") };
  const when = (d: Date | null) => (d ? formatDateTime(d, locale) : t("settings.members.never"));
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold tracking-tight">{t("settings.members.title")}</h1>
        <p className="max-w-3xl text-sm text-slate-700">{t("settings.members.lead")}</p>
        <p className="max-w-3xl text-sm text-slate-600">{t("settings.members.note")}</p>
      </div>
      <TableScroll label={t("settings.members.title")}>
        <table className={table} data-testid="members-table">
          <caption className={caption}>{t("settings.members.title")}</caption>
          <thead>
            <tr>
              <th scope="col" className={th}>{t("settings.members.col.person")}</th>
              <th scope="col" className={th}>{t("settings.members.col.role")}</th>
              <th scope="col" className={th}>{t("settings.members.col.lastSeen")}</th>
              <th scope="col" className={th}>{t("settings.members.col.checked")}</th>
              <th scope="col" className={th}>{t("settings.members.col.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => {
              const name = m.name || m.email || m.userId;
              return (
                <tr key={m.membershipId} data-testid="member-row" data-email={m.email ?? ""}>
                  <td className={td}>
                    <span className="font-medium">{name}</span> {m.userId === user.id ? <span className="text-slate-600">{t("settings.members.you")}</span> : null}
                    {m.email && m.email !== name ? <span className="block text-xs text-slate-600">{m.email}</span> : null}
                  </td>
                  <td className={td} data-testid="member-role">
                    <Badge tone={m.role === "admin" ? "info" : m.role === "viewer" ? "warn" : "neutral"}>{roles[m.role]}</Badge>
                  </td>
                  <td className={td}>{when(m.lastSeenAt)}</td>
                  <td className={td}>{when(m.lastCheckedAt)}</td>
                  <td className={td}>
                    <MemberActions
                      connectionId={active.connectionId}
                      membershipId={m.membershipId}
                      role={m.role}
                      labels={{
                        roleFor: t("settings.members.roleFor", { name }),
                        roles,
                        save: t("settings.members.save"),
                        saved: t("settings.members.saved"),
                        remove: t("settings.members.remove"),
                        removeFor: t("settings.members.removeFor", { name }),
                        removeConfirm: t("settings.members.removeConfirm", { name }),
                        removed: t("settings.members.removed"),
                        cancel: t("portal.cancel"),
                      }}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
    </div>
  );
}
