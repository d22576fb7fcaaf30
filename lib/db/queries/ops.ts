import { sql } from "drizzle-orm";

import type { Database } from "../client";
import { queryRows } from "../raw";

/*
 * Operator read models. Every function reads across all tenants on purpose: only requireOperator's
 * callers may use them (the /ops pages, the metrics route). Numbers come back as text from
 * PostgreSQL's bigint and numeric, so they are converted here.
 */

export interface CompanyOverview {
  connectionId: string;
  name: string;
  fortnoxTenantId: number;
  status: "active" | "needs_reconnect" | "disconnected";
  serviceAccount: boolean;
  /** When the tokens were last issued (refresh or connect). */
  tokensIssuedAt: Date | null;
  refreshTokenExpiresAt: Date | null;
  lastRunAt: Date | null;
  lastRunStatus: string | null;
  failedRuns7d: number;
  requestsToday: number;
  rateLimitedToday: number;
  openAlerts: number;
}

const num = (v: unknown) => Number(v ?? 0);
const date = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));

export async function listCompaniesOverview(db: Database): Promise<CompanyOverview[]> {
  const rows = await queryRows(
    db,
    sql`select c.id, t.name, t.fortnox_tenant_id, c.status, c.service_account,
          coalesce(c.last_refreshed_at, c.updated_at) as tokens_at, c.refresh_token_expires_at,
          (select coalesce(r.finished_at, r.started_at, r.created_at) from sync_runs r where r.connection_id = c.id order by r.created_at desc limit 1) as last_run_at,
          (select r.status from sync_runs r where r.connection_id = c.id order by r.created_at desc limit 1) as last_run_status,
          (select count(*) from sync_runs r where r.connection_id = c.id and r.status = 'failed' and r.created_at > now() - interval '7 days') as failed_7d,
          (select coalesce(sum(r.requests), 0) from sync_runs r where r.connection_id = c.id and r.created_at >= date_trunc('day', now())) as requests_today,
          (select coalesce(sum(r.rate_limited), 0) from sync_runs r where r.connection_id = c.id and r.created_at >= date_trunc('day', now())) as limited_today,
          (select count(*) from alerts a where a.connection_id = c.id and a.resolved_at is null) as open_alerts
        from connections c join tenants t on t.id = c.tenant_id
        order by t.name, c.id`,
  );
  return rows.map((r) => ({
    connectionId: String(r.id),
    name: String(r.name),
    fortnoxTenantId: num(r.fortnox_tenant_id),
    status: r.status as CompanyOverview["status"],
    serviceAccount: Boolean(r.service_account),
    tokensIssuedAt: r.status === "disconnected" ? null : date(r.tokens_at),
    refreshTokenExpiresAt: date(r.refresh_token_expires_at),
    lastRunAt: date(r.last_run_at),
    lastRunStatus: (r.last_run_status as string | null) ?? null,
    failedRuns7d: num(r.failed_7d),
    requestsToday: num(r.requests_today),
    rateLimitedToday: num(r.limited_today),
    openAlerts: num(r.open_alerts),
  }));
}

export interface LiveWindow {
  fortnoxTenantId: number;
  /** Requests granted in the last `windowMs` (in flight counts as now), across every process. */
  inWindow: number;
  /** Fortnox answered 429 and the tenant's budget is paused (database clock). */
  paused: boolean;
}

/** The limiter's shared window per Fortnox tenant for this deployment's client id. */
export async function liveRateWindows(db: Database, clientId: string, windowMs: number): Promise<LiveWindow[]> {
  const rows = await queryRows(
    db,
    sql`select k.fortnox_tenant_id, coalesce(k.paused_until > clock_timestamp(), false) as paused,
          (select count(*) from rate_limit_slots s where s.key_id = k.id
             and coalesce(s.done_at, clock_timestamp()) > clock_timestamp() - make_interval(secs => ${windowMs}::float8 / 1000)) as in_window
        from rate_limit_keys k where k.client_id = ${clientId}`,
  );
  return rows.map((r) => ({ fortnoxTenantId: num(r.fortnox_tenant_id), inWindow: num(r.in_window), paused: Boolean(r.paused) }));
}

export interface DbMetrics {
  requests: number;
  rateLimited: number;
  runs: { kind: string; status: string; count: number; durationSeconds: number }[];
  connections: { status: string; count: number }[];
  audit: { type: string; count: number }[];
  slotsInWindow: number;
}

/** Deployment-wide totals from shared tables, so every process reports the same numbers. */
export async function readDbMetrics(db: Database, windowMs: number): Promise<DbMetrics> {
  const [totals] = await queryRows(db, sql`select coalesce(sum(requests), 0) as requests, coalesce(sum(rate_limited), 0) as limited from sync_runs`);
  const runs = await queryRows(
    db,
    sql`select kind, status, count(*) as n,
          coalesce(sum(extract(epoch from (finished_at - started_at))) filter (where finished_at is not null and started_at is not null), 0) as secs
        from sync_runs group by kind, status order by kind, status`,
  );
  const conns = await queryRows(db, sql`select status, count(*) as n from connections group by status order by status`);
  const audit = await queryRows(
    db,
    sql`select type, count(*) as n from audit_events where type in ('connection.refresh_failed', 'connection.keepalive', 'connection.connected', 'connection.reconnected', 'consent.revoked') group by type order by type`,
  );
  const [slots] = await queryRows(db, sql`select count(*) as n from rate_limit_slots where coalesce(done_at, clock_timestamp()) > clock_timestamp() - make_interval(secs => ${windowMs}::float8 / 1000)`);
  return {
    requests: num(totals?.requests),
    rateLimited: num(totals?.limited),
    runs: runs.map((r) => ({ kind: String(r.kind), status: String(r.status), count: num(r.n), durationSeconds: num(r.secs) })),
    connections: conns.map((r) => ({ status: String(r.status), count: num(r.n) })),
    audit: audit.map((r) => ({ type: String(r.type), count: num(r.n) })),
    slotsInWindow: num(slots?.n),
  };
}

/** Service-account connections still in use, across the deployment (the doctor's service-account check). */
export async function countServiceAccountConnections(db: Database): Promise<number> {
  const [row] = await queryRows<{ n: string }>(db, sql`select count(*) as n from connections where service_account and status <> 'disconnected'`);
  return Number(row?.n ?? 0);
}
