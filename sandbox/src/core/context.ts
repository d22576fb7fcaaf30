import type { SandboxClock } from "./clock";
import type { SandboxState, StoredEvent } from "./state";

/** Fault injection (test mode): each burst applies to the next N /3 requests. */
export interface Faults {
  latencyMs: number;
  /** Delay before /oauth-v1/token answers (latencyMs applies to /3 only). */
  tokenLatencyMs: number;
  errorBurst: { count: number; status: number };
  connectionResets: number;
  rateLimitStorm: number;
}

/** Fortnox's inconsistencies (docs/fortnox.md#api-conventions), switchable so clients can prove they cope. */
export interface Quirks {
  errorKeyCase: "lower" | "capitalised";
  numbersAsStrings: boolean;
  emptyStringDates: boolean;
}

export interface LoggedRequest {
  at: string;
  method: string;
  path: string;
  clientId: string | null;
  tenantId: number | null;
  status: number;
}

export interface RateLimit {
  requests: number;
  windowMs: number;
}

/** Everything a request handler may touch. */
export interface Sandbox {
  state: SandboxState;
  clock: SandboxClock;
  testMode: boolean;
  publicUrl: string;
  jwtSecret: Uint8Array;
  /** Signs the consent form's hidden fields so they cannot be tampered with between GET and POST. */
  formSecret: Buffer;
  rateLimit: RateLimit;
  faults: Faults;
  quirks: Quirks;
  requestLog: LoggedRequest[];
  /** Called for every stored change event (the WebSocket hub subscribes). */
  onEvent: Set<(event: StoredEvent) => void>;
}

export function defaultFaults(): Faults {
  return { latencyMs: 0, tokenLatencyMs: 0, errorBurst: { count: 0, status: 503 }, connectionResets: 0, rateLimitStorm: 0 };
}

export function defaultQuirks(): Quirks {
  return { errorKeyCase: "lower", numbersAsStrings: false, emptyStringDates: false };
}

export const REQUEST_LOG_LIMIT = 50_000;

export function logRequest(sb: Sandbox, entry: LoggedRequest): void {
  sb.requestLog.push(entry);
  if (sb.requestLog.length > REQUEST_LOG_LIMIT) sb.requestLog.splice(0, sb.requestLog.length - REQUEST_LOG_LIMIT);
}
