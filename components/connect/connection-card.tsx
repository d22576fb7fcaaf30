import type { ReactNode } from "react";

import { startConnectAction } from "@/lib/actions/connect";
import type { UserCompany } from "@/lib/db/queries/companies";
import type { ConnectionHealth } from "@/lib/db/queries/connections";
import { formatDateTime, formatOrganisationNumber } from "@/lib/format";
import type { MessageKey } from "@/lib/i18n/dictionaries";
import { buttonPrimary, card } from "@/components/ui/styles";

import { DisconnectButton } from "./disconnect-button";

type T = (key: MessageKey, vars?: Record<string, string>) => string;

function Item({ term, testId, children }: { term: string; testId?: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-slate-600">{term}</dt>
      <dd data-testid={testId}>{children}</dd>
    </div>
  );
}

/**
 * Connection health: status, who you are here, which environment, permissions, token renewal, and
 * the reconnect banner when Fortnox said no. Each fact has its own label; a scope diff appears only
 * after a re-connection that changed the scopes.
 */
export function ConnectionCard({ company, health, t }: { company: UserCompany; health: ConnectionHealth; t: T; locale: "sv" | "en" }) {
  // sv-SE's short date-time is YYYY-MM-DD HH:MM, the portal's format in both languages.
  return (
    <section aria-labelledby="connection" className={card} data-testid="connection-card">
      {health.status === "needs_reconnect" ? (
        <div role="alert" className="mb-6 rounded-md border border-amber-300 bg-amber-50 p-4">
          <p className="font-semibold text-amber-900">{t("portal.needsReconnect")}</p>
          <p className="mt-1 text-sm text-amber-900">{t("portal.needsReconnect.body")}</p>
          <form action={startConnectAction} className="mt-3">
            {company.serviceAccount ? <input type="hidden" name="accountType" value="service" /> : null}
            <button type="submit" className={buttonPrimary}>
              {t("portal.reconnect")}
            </button>
          </form>
        </div>
      ) : null}
      <h2 id="connection" className="font-semibold">
        Fortnox
      </h2>
      <dl className="mt-4 grid gap-x-8 gap-y-3 text-sm sm:grid-cols-2">
        <Item term={t("portal.orgno")}>{formatOrganisationNumber(company.organisationNumber)}</Item>
        <Item term={t("connection.status")} testId="connection-status">
          {health.status === "active" ? t("portal.connected") : t("portal.needsReconnect")}
        </Item>
        <Item term={t("connection.role")} testId="connection-role">
          {company.role === "admin" ? t("portal.role.admin") : t("portal.role.member")}
        </Item>
        <Item term={t("connection.environment")} testId="connection-environment">
          {company.environment === "test" ? t("portal.environment.test") : t("portal.environment.production")}
        </Item>
        <Item term={t("connection.account")}>{health.serviceAccount ? t("connection.account.service") : t("connection.account.user")}</Item>
        <Item term={t("connection.token")} testId="connection-token">
          {health.lastRefreshedAt ? t("connection.token.renewed", { time: formatDateTime(health.lastRefreshedAt, "sv") }) : t("connection.token.notYet")}
        </Item>
        <div className="sm:col-span-2">
          <dt className="text-slate-600">{t("portal.scopes")}</dt>
          <dd className="font-mono text-xs break-words">{health.scopes.join(" ")}</dd>
        </div>
      </dl>
      {health.lastScopeChange ? (
        <div className="mt-6 rounded-md bg-brand-50 p-4 text-sm" data-testid="scope-change">
          <p className="font-semibold">{t("connection.scopesChanged")}</p>
          {health.lastScopeChange.added.length > 0 ? (
            <p>
              {t("portal.scopesAdded")}: {health.lastScopeChange.added.join(", ")}
            </p>
          ) : null}
          {health.lastScopeChange.removed.length > 0 ? (
            <p>
              {t("portal.scopesRemoved")}: {health.lastScopeChange.removed.join(", ")}
            </p>
          ) : null}
        </div>
      ) : null}
      {company.role === "admin" ? (
        <div className="mt-6">
          <DisconnectButton
            connectionId={company.connectionId}
            labels={{ disconnect: t("portal.disconnect"), confirm: t("portal.disconnect.confirm"), yes: t("portal.disconnect.yes"), cancel: t("portal.cancel") }}
          />
        </div>
      ) : null}
    </section>
  );
}
