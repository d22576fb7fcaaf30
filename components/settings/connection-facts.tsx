import type { ReactNode } from "react";

import { formatDate, formatDateTime } from "@/lib/format";
import type { MessageKey } from "@/lib/i18n/dictionaries";
import type { ConnectionOverview } from "@/lib/settings/connection";

type T = (key: MessageKey, vars?: Record<string, string>) => string;

function Fact({ term, testId, children }: { term: string; testId?: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-slate-600">{term}</dt>
      <dd data-testid={testId}>{children}</dd>
    </div>
  );
}

/** The connection's facts: status, account, scopes (and what to do about a difference), token ages. */
export function ConnectionFacts({ c, t, locale }: { c: ConnectionOverview; t: T; locale: "sv" | "en" }) {
  const when = (d: Date | null) => (d ? formatDateTime(d, locale) : t("settings.connection.never"));
  const { scopes, accessToken, refreshToken } = c;
  return (
    <>
      <dl className="grid gap-x-8 gap-y-3 text-sm sm:grid-cols-2">
        <Fact term={t("settings.connection.status")} testId="connection-status">
          {t(`settings.connection.status.${c.status}`)}
        </Fact>
        <Fact term={t("settings.connection.account")} testId="connection-account">
          {c.serviceAccount ? t("settings.connection.account.service") : t("settings.connection.account.user")}
        </Fact>
        <Fact term={t("settings.connection.connectedBy")}>{c.connectedBy ?? t("settings.connection.unknown")}</Fact>
        <Fact term={t("settings.connection.connectedAt")}>{when(c.connectedAt)}</Fact>
        <Fact term={t("settings.connection.access")} testId="access-token">
          {accessToken
            ? accessToken.expired
              ? t("settings.connection.access.expired", { time: when(accessToken.expiresAt) })
              : t("settings.connection.access.value", { age: String(accessToken.ageMinutes), time: when(accessToken.expiresAt) })
            : t("settings.connection.refresh.none")}
        </Fact>
        <Fact term={t("settings.connection.refresh")} testId="refresh-token">
          {c.serviceAccount
            ? t("settings.connection.refresh.service")
            : refreshToken
              ? t("settings.connection.refresh.value", {
                  issued: formatDate(refreshToken.issuedAt),
                  age: String(refreshToken.ageDays),
                  expires: formatDate(refreshToken.expiresAt),
                  days: String(refreshToken.daysLeft),
                })
              : t("settings.connection.refresh.none")}
        </Fact>
        <Fact term={t("settings.connection.lastRefresh")} testId="last-refresh">
          {when(c.lastRefreshedAt)}
        </Fact>
        {c.lastError ? (
          <Fact term={t("settings.connection.lastError")}>
            <code className="text-xs">{c.lastError.code}</code> {c.lastError.message}
          </Fact>
        ) : null}
      </dl>
      <p className="mt-2 text-xs text-slate-600">{t("settings.connection.refresh.help")}</p>
      <h3 className="mt-6 font-semibold">{t("settings.connection.scopes")}</h3>
      <dl className="mt-2 grid gap-x-8 gap-y-3 text-sm sm:grid-cols-2">
        <Fact term={t("settings.connection.scopes.granted")} testId="scopes-granted">
          <span className="font-mono text-xs break-words">{scopes.granted.join(" ")}</span>
        </Fact>
        <Fact term={t("settings.connection.scopes.requested")}>
          <span className="font-mono text-xs break-words">{scopes.requested.join(" ")}</span>
        </Fact>
      </dl>
      <div className="mt-3 text-sm" data-testid="scope-diff">
        {scopes.missing.length === 0 && scopes.extra.length === 0 ? <p>{t("settings.connection.scopes.match")}</p> : null}
        {scopes.missing.length > 0 ? (
          <div className="rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-950">
            <p className="font-semibold">{t("settings.connection.scopes.missing", { scopes: scopes.missing.join(", ") })}</p>
            <p>{t("settings.connection.scopes.missingHelp")}</p>
          </div>
        ) : null}
        {scopes.extra.length > 0 ? (
          <p className="mt-2">
            {t("settings.connection.scopes.extra", { scopes: scopes.extra.join(", ") })} {t("settings.connection.scopes.extraHelp")}
          </p>
        ) : null}
      </div>
    </>
  );
}
