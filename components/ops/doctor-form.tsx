"use client";

import { useActionState } from "react";

import { buttonPrimary, card, input } from "@/components/ui/styles";
import type { DoctorState } from "@/lib/ops/doctor/action";

export interface DoctorDefaults {
  clientId: string;
  redirectUri: string;
  scopes: string;
  serviceAccounts: boolean;
}

type Labels = Record<"clientId" | "clientSecret" | "redirectUri" | "scopes" | "serviceAccounts" | "run" | "running" | "results" | "ok" | "problem" | "fix" | "invalid", string> & { checks: Record<string, string> };

export function DoctorForm({ action, defaults, labels, locale }: { action: (s: DoctorState, f: FormData) => Promise<DoctorState>; defaults: DoctorDefaults; labels: Labels; locale: "sv" | "en" }) {
  const [state, run, pending] = useActionState(action, { status: "idle" } as DoctorState);
  const field = "mt-1 block w-full " + input;
  return (
    <div className="space-y-6">
      <form action={run} className={`${card} grid gap-4 sm:grid-cols-2`}>
        <label className="text-sm font-medium text-slate-800">
          {labels.clientId}
          <input name="clientId" defaultValue={defaults.clientId} required autoComplete="off" className={field} />
        </label>
        <label className="text-sm font-medium text-slate-800">
          {labels.clientSecret}
          <input name="clientSecret" type="password" autoComplete="off" className={field} />
        </label>
        <label className="text-sm font-medium text-slate-800">
          {labels.redirectUri}
          <input name="redirectUri" defaultValue={defaults.redirectUri} required className={field} />
        </label>
        <label className="text-sm font-medium text-slate-800">
          {labels.scopes}
          <input name="scopes" defaultValue={defaults.scopes} required className={field} />
        </label>
        <label className="flex items-center gap-2 text-sm font-medium text-slate-800">
          <input name="serviceAccounts" type="checkbox" defaultChecked={defaults.serviceAccounts} />
          {labels.serviceAccounts}
        </label>
        <div>
          <button type="submit" className={buttonPrimary} disabled={pending}>
            {pending ? labels.running : labels.run}
          </button>
        </div>
      </form>
      <section aria-labelledby="doctor-results" aria-live="polite" aria-busy={pending}>
        <h2 id="doctor-results" className="mb-2 text-xl font-semibold text-slate-900">{labels.results}</h2>
        {state.status === "invalid" ? <p role="alert" className="text-red-800">{labels.invalid}</p> : null}
        {state.status === "done" ? (
          <ul className="space-y-3">
            {state.results.map((r) => (
              <li key={r.id} className={card} data-testid={`doctor-${r.id}`} data-ok={r.ok}>
                <p className="font-semibold text-slate-900">
                  {labels.checks[r.id] ?? r.id}: <span className={r.ok ? "text-green-800" : "text-red-800"}>{r.ok ? labels.ok : labels.problem}</span>
                </p>
                {r.note ? <p className="text-sm text-slate-700">{r.note[locale]}</p> : null}
                {r.problem ? <p className="mt-1 text-slate-900">{r.problem[locale]}</p> : null}
                {r.fix ? (
                  <p className="mt-1 text-slate-900">
                    <span className="font-medium">{labels.fix}: </span>
                    {r.fix[locale]}
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        ) : null}
      </section>
    </div>
  );
}
