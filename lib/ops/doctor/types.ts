/** One finding of the app-configuration doctor, in both languages (values are filled in). */
export interface Text {
  sv: string;
  en: string;
}

export interface CheckResult {
  id: string;
  ok: boolean;
  /** Set when ok is false: what is wrong. */
  problem?: Text;
  /** Set when ok is false: exactly what to change, and where. */
  fix?: Text;
  /** Informational line when ok (e.g. the key id in use). */
  note?: Text;
}

/** The Fortnox app being checked: the deployment's own, or one an operator typed in. */
export interface DoctorTarget {
  authUrl: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  scopes: string[];
  serviceAccounts: boolean;
}

export interface DoctorDeps {
  fetch: typeof fetch;
  /** Per request; everything the doctor does is bounded. */
  timeoutMs: number;
}

export const pass = (id: string, note?: Text): CheckResult => ({ id, ok: true, ...(note ? { note } : {}) });
export const fail = (id: string, problem: Text, fix: Text): CheckResult => ({ id, ok: false, problem, fix });
