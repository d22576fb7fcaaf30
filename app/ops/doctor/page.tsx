import { DoctorForm } from "@/components/ops/doctor-form";
import { getDb } from "@/lib/db/client";
import { countServiceAccountConnections } from "@/lib/db/queries/ops";
import { getEnv } from "@/lib/env";
import { getTranslator } from "@/lib/i18n/server";
import { runDoctorAction } from "@/lib/ops/doctor/action";
import { requireOperatorPage } from "@/lib/ops/guard";

export const dynamic = "force-dynamic";

const CHECKS = ["credentials", "redirect", "scopes", "service_accounts", "encryption", "webhook"] as const;

export default async function OpsDoctorPage() {
  await requireOperatorPage();
  const { t, locale } = await getTranslator();
  const env = getEnv();
  const serviceAccounts = await countServiceAccountConnections(await getDb());
  const labels = {
    clientId: t("ops.doctor.clientId"),
    clientSecret: t("ops.doctor.clientSecret"),
    redirectUri: t("ops.doctor.redirectUri"),
    scopes: t("ops.doctor.scopes"),
    serviceAccounts: t("ops.doctor.serviceAccounts"),
    run: t("ops.doctor.run"),
    running: t("ops.doctor.running"),
    results: t("ops.doctor.results"),
    ok: t("ops.doctor.ok"),
    problem: t("ops.doctor.problem"),
    fix: t("ops.doctor.fix"),
    invalid: t("ops.doctor.invalid"),
    checks: Object.fromEntries(CHECKS.map((c) => [c, t(`ops.doctor.check.${c}`)])),
  };
  return (
    <section aria-labelledby="ops-doctor" className="space-y-4">
      <h1 id="ops-doctor" className="text-2xl font-semibold text-slate-900">{t("ops.doctor.title")}</h1>
      <p className="max-w-3xl text-slate-700">{t("ops.doctor.lead")}</p>
      <DoctorForm
        action={runDoctorAction}
        locale={locale}
        labels={labels}
        defaults={{ clientId: env.fortnox.clientId, redirectUri: `${env.authUrl}/api/auth/callback/fortnox`, scopes: env.fortnox.scopes.join(" "), serviceAccounts: serviceAccounts > 0 }}
      />
    </section>
  );
}
