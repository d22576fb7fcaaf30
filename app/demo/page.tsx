import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";

import { getSandboxSpeed, listDatabases, type SandboxDatabase } from "@/lib/demo/sandbox";
import { getEnv } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import { parseMessageRef } from "@/lib/forms/message-ref";
import { dictionaries, type MessageKey } from "@/lib/i18n/dictionaries";
import { getTranslator } from "@/lib/i18n/server";
import { DatabasesTable } from "@/components/demo/databases-table";
import { CreateDatabaseForm, SpeedForm } from "@/components/demo/demo-forms";

export const metadata: Metadata = { title: "Demo" };
export const dynamic = "force-dynamic";

type Params = Record<string, string | string[] | undefined>;

/** Only the demo's own message keys are shown; anything else in the URL is ignored. */
function messageKey(value: unknown, prefix: string): MessageKey | null {
  return typeof value === "string" && value.startsWith(prefix) && Object.hasOwn(dictionaries.sv, value) ? (value as MessageKey) : null;
}

function tenantParam(value: unknown): number | null {
  return typeof value === "string" && /^[1-9]\d{0,9}$/.test(value) ? Number(value) : null;
}

/** The sales demo's control room: test databases, scenarios and the demo-speed switch. Demo mode only. */
export default async function DemoPage({ searchParams }: { searchParams: Promise<Params> }) {
  if (!getEnv().demo) notFound();
  const { t } = await getTranslator();
  const params = await searchParams;
  const tenant = tenantParam(params.tenant);
  // A confirmation that names a database is shown only with a database number that parses.
  const doneKey = messageKey(params.done, "demo.done.");
  const done = doneKey && (tenant !== null || !dictionaries.sv[doneKey].includes("{tenant}")) ? doneKey : null;
  let error = messageKey(params.error, "demo.error.");
  let databases: SandboxDatabase[] = [];
  let speed: number | null = null;
  try {
    [databases, speed] = await Promise.all([listDatabases(), getSandboxSpeed().catch(() => null)]);
  } catch (e) {
    error ??= messageKey(isAppError(e) ? parseMessageRef(e.message).key : "", "demo.error.") ?? "demo.error.unexpected";
  }
  return (
    <main id="main" className="mx-auto max-w-5xl space-y-8 px-6 py-12">
      <div>
        <Link href="/" className="text-xl font-semibold tracking-tight text-brand-700">Brygga</Link>
        <h1 className="mt-6 text-3xl font-semibold tracking-tight">{t("demo.title")}</h1>
        <p className="mt-3 max-w-3xl text-slate-700">{t("demo.lead")}</p>
      </div>
      {error ? (
        <p role="alert" data-testid="demo-error" className="rounded-md border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-800">{t(error)}</p>
      ) : null}
      {done ? (
        <p role="status" data-testid="demo-done" className="rounded-md border border-green-300 bg-green-50 px-4 py-3 text-sm text-green-900">
          {t(done, { tenant: String(tenant ?? "") })}
        </p>
      ) : null}
      <section aria-labelledby="demo-databases" className="space-y-3">
        <h2 id="demo-databases" className="text-lg font-semibold">{t("demo.databases")}</h2>
        <DatabasesTable t={t} databases={databases} highlight={tenant} />
      </section>
      <div className="grid gap-6 md:grid-cols-2">
        <CreateDatabaseForm t={t} />
        <SpeedForm t={t} current={speed} />
      </div>
      <p>
        <Link href="/" className="text-sm font-medium text-brand-700 underline">{t("demo.back")}</Link>
      </p>
    </main>
  );
}
