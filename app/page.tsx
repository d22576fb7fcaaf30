import { dictionaries, type MessageKey } from "@/lib/i18n/dictionaries";
import { getTranslator } from "@/lib/i18n/server";
import { LeadIn } from "@/components/home/lead-in";

export const dynamic = "force-dynamic";

/** Only the demo's own error keys are shown; anything else in the URL is ignored. */
function demoError(value: unknown): MessageKey | null {
  return typeof value === "string" && value.startsWith("demo.error.") && Object.hasOwn(dictionaries.sv, value) ? (value as MessageKey) : null;
}

export default async function HomePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { t } = await getTranslator();
  const error = demoError((await searchParams).error);
  const audiences = [
    { title: t("home.for.customers"), body: t("home.for.customers.body") },
    { title: t("home.for.admins"), body: t("home.for.admins.body") },
    { title: t("home.for.sales"), body: t("home.for.sales.body") },
  ];
  return (
    <>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-5xl items-center justify-between px-6 py-4">
          <p className="text-xl font-semibold tracking-tight text-brand-700">Brygga</p>
          <p className="hidden text-sm text-slate-600 sm:block">{t("app.tagline")}</p>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-5xl px-6 py-16">
        <h1 className="max-w-3xl text-3xl font-semibold tracking-tight text-slate-900 sm:text-4xl">{t("home.title")}</h1>
        <p className="mt-6 max-w-2xl text-lg leading-relaxed text-slate-700">{t("home.lead")}</p>
        <LeadIn t={t} error={error} />
        <ul className="mt-12 grid gap-6 sm:grid-cols-3">
          {audiences.map((a) => (
            <li key={a.title} className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
              <h2 className="font-semibold text-brand-700">{a.title}</h2>
              <p className="mt-2 text-sm leading-relaxed text-slate-700">{a.body}</p>
            </li>
          ))}
        </ul>
      </main>
      <footer className="mx-auto max-w-5xl px-6 pb-10 text-sm text-slate-600">{t("footer.opensource")}</footer>
    </>
  );
}
