import { startConnectAction } from "@/lib/actions/connect";
import type { UserCompany } from "@/lib/db/queries/companies";
import type { ConnectionHealth } from "@/lib/db/queries/connections";
import { formatDateTime, formatOrganisationNumber } from "@/lib/format";
import type { MessageKey } from "@/lib/i18n/dictionaries";
import { buttonPrimary, card } from "@/components/ui/styles";

import { DisconnectButton } from "./disconnect-button";

type T = (key: MessageKey, vars?: Record<string, string>) => string;

/** Connection health: status, permissions, token renewal, and the reconnect banner when Fortnox said no. */
export function ConnectionCard({ company, health, t, locale }: { company: UserCompany; health: ConnectionHealth; t: T; locale: "sv" | "en" }) {
  return (
    <section aria-labelledby="connection" className={card}>
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
        <div>
          <dt className="text-slate-600">{t("portal.orgno")}</dt>
          <dd>{formatOrganisationNumber(company.organisationNumber)}</dd>
        </div>
        <div>
          <dt className="text-slate-600">Status</dt>
          <dd data-testid="connection-status">{health.status === "active" ? t("portal.connected") : t("portal.needsReconnect")}</dd>
        </div>
        <div>
          <dt className="text-slate-600">{t("portal.scopes")}</dt>
          <dd className="font-mono text-xs">{health.scopes.join(" ")}</dd>
        </div>
        <div>
          <dt className="text-slate-600">{company.role === "admin" ? t("portal.role.admin") : t("portal.role.member")}</dt>
          <dd>{health.serviceAccount ? t("portal.serviceAccount") : company.environment === "test" ? t("portal.environment.test") : t("portal.environment.production")}</dd>
        </div>
        <div>
          <dt className="text-slate-600">Token</dt>
          <dd>{formatDateTime(health.lastRefreshedAt, locale)}</dd>
        </div>
      </dl>
      {health.lastScopeChange ? (
        <div className="mt-6 rounded-md bg-brand-50 p-4 text-sm" data-testid="scope-change">
          <p className="font-semibold">{t("portal.scopesChanged")}</p>
          {health.lastScopeChange.added.length > 0 ? <p>{t("portal.scopesAdded")}: {health.lastScopeChange.added.join(", ")}</p> : null}
          {health.lastScopeChange.removed.length > 0 ? <p>{t("portal.scopesRemoved")}: {health.lastScopeChange.removed.join(", ")}</p> : null}
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
