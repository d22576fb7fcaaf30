/** Queue names, one constant each: `area/task` (pg-boss 12 rejects the house style's colons). */
export const QUEUES = {
  tokenKeepAlive: "tokens/keepalive",
  /** Daily: ask Fortnox (/3/me) whether each member still belongs to their company and is SysAdmin. */
  membershipRecheck: "memberships/recheck",
  /** Work a connection's open sync run to the end. Singleton per connection (`singletonKey`). */
  syncRun: "sync/run",
  /** Every minute: queue the runs that connections' settings say are due, and revive abandoned ones. */
  syncSchedule: "sync/schedule",
  /** Bring one record up to date (a WebSocket event named it). */
  syncRecord: "sync/record",
} as const;

export interface SyncRunJob {
  connectionId: string;
}

export interface SyncRecordJob {
  connectionId: string;
  resource: "customers" | "articles" | "invoices";
  number: string;
}
