import { createDemoDatabaseAction, setDemoSpeedAction } from "@/lib/demo/actions";
import { SCENARIOS, SPEEDS } from "@/lib/demo/sandbox";
import type { MessageKey } from "@/lib/i18n/dictionaries";
import { PendingButton } from "@/components/home/pending-button";
import { buttonPrimary, buttonSecondary, card, input } from "@/components/ui/styles";

type T = (key: MessageKey, vars?: Record<string, string>) => string;

/** Create a test database from one of the sales scenarios. */
export function CreateDatabaseForm({ t }: { t: T }) {
  return (
    <section aria-labelledby="demo-create" className={card}>
      <h2 id="demo-create" className="font-semibold">{t("demo.create")}</h2>
      <form action={createDemoDatabaseAction} className="mt-4 flex flex-wrap items-end gap-3">
        <div className="flex flex-col gap-1">
          <label htmlFor="demo-scenario" className="text-sm font-medium text-slate-800">{t("demo.create.scenario")}</label>
          <select id="demo-scenario" name="scenario" className={input} defaultValue="small">
            {SCENARIOS.map((s) => (
              <option key={s} value={s}>{t(`demo.scenario.${s}`)}</option>
            ))}
          </select>
        </div>
        <PendingButton className={buttonPrimary} label={t("demo.create.submit")} pendingLabel={t("demo.create.submit")} />
      </form>
    </section>
  );
}

/** The demo-speed switch: Fortnox's real pace by default, faster for presentations. */
export function SpeedForm({ t, current }: { t: T; current: number | null }) {
  const known = current !== null && (SPEEDS as readonly number[]).includes(current);
  return (
    <section aria-labelledby="demo-speed" className={card}>
      <h2 id="demo-speed" className="font-semibold">{t("demo.speed")}</h2>
      <p className="mt-2 text-sm text-slate-700">{t("demo.speed.lead")}</p>
      <p className="mt-2 text-sm font-medium" data-testid="demo-speed-current">
        {current === null ? t("demo.speed.unknown") : t("demo.speed.current", { speed: known ? t(`demo.speed.${current}` as MessageKey) : `×${current}` })}
      </p>
      <form action={setDemoSpeedAction} className="mt-4">
        <fieldset>
          <legend className="sr-only">{t("demo.speed")}</legend>
          <div className="flex flex-wrap gap-4">
            {SPEEDS.map((s) => (
              <label key={s} className="flex items-center gap-2 text-sm text-slate-800">
                <input type="radio" name="speed" value={s} defaultChecked={s === (known ? current : 1)} className="h-4 w-4" />
                {t(`demo.speed.${s}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="mt-4">
          <PendingButton className={buttonSecondary} label={t("demo.speed.submit")} pendingLabel={t("demo.speed.submit")} />
        </div>
      </form>
    </section>
  );
}
