/** Queue names, one constant each: `area/task` (pg-boss 12 rejects the house style's colons). */
export const QUEUES = {
  tokenKeepAlive: "tokens/keepalive",
  /** Daily: ask Fortnox (/3/me) whether each member still belongs to their company and is SysAdmin. */
  membershipRecheck: "memberships/recheck",
  /**
   * Work a connection's open sync run to the end. One job waits per connection (`singletonKey`), any
   * number may be active: the run's claim in the database lets one worker at a time work it, so a
   * dead worker's job, still "active" in the queue, never holds up the one that takes the run over.
   * (It replaces `sync/run`, whose stately policy did exactly that; pg-boss cannot change a policy.)
   */
  syncRun: "sync/work",
  /** Every minute: queue the runs that connections' settings say are due, and revive abandoned ones. */
  syncSchedule: "sync/schedule",
  /** Bring one record up to date (a WebSocket event named it). */
  syncRecord: "sync/record",
  /** Every minute: raise and resolve each company's alerts (lib/alerts/conditions.ts). */
  alertCheck: "alerts/check",
  /** Deliver one alert webhook; retried with exponential backoff (lib/jobs/alerts.ts). */
  alertWebhook: "alerts/webhook",
} as const;

export interface SyncRunJob {
  connectionId: string;
}

export interface SyncRecordJob {
  connectionId: string;
  resource: "customers" | "articles" | "invoices";
  number: string;
}

export interface AlertWebhookJob {
  deliveryId: string;
}
