import "server-only";

import type { Database } from "@/lib/db/client";
import type { SyncRecordJob } from "@/lib/jobs/queues";
import { logger } from "@/lib/log";

import { jobsForEvent, REALTIME_TOPICS, recordJobKey, topicResource, type TenantDirectory, type TopicEvent } from "./realtime/events";
import type { RealtimeLock } from "./realtime/lock";
import { reconnectDelay, wakeableSleep } from "./realtime/pacing";
import { TopicsSession } from "./realtime/session";
import { loadOffsets, loadTenantDirectory, saveOffset } from "./realtime/store";
import { SessionTenants } from "./realtime/tenants";

/**
 * Real-time sync (docs/fortnox.md#websocket-topics): one WebSocket connection to Fortnox's topics API for every
 * connected tenant that wants it, held by exactly one process (see RealtimeLock). Each event becomes
 * a targeted record update on the `sync/record` queue; the topic's offset is stored once the job is
 * queued, so a restart replays from there (at-least-once: duplicates are harmless, gaps impossible).
 */

/** Queue one record update; `singletonKey` collapses a burst of events on one record. */
export type EnqueueRecordJob = (job: SyncRecordJob, singletonKey: string) => Promise<void>;

export interface RealtimeTiming {
  /** How often the tenant set is re-read from the database. */
  refreshMs: number;
  /** How often a standby process tries for the lock (and the holder confirms it). */
  lockRetryMs: number;
  backoffBaseMs: number;
  backoffCapMs: number;
  commandTimeoutMs: number;
  pingMs: number;
  refusedRetryMs: number;
}

export const DEFAULT_REALTIME_TIMING: RealtimeTiming = {
  refreshMs: 60_000,
  lockRetryMs: 30_000,
  backoffBaseMs: 1_000,
  backoffCapMs: 60_000,
  commandTimeoutMs: 15_000,
  pingMs: 30_000,
  refusedRetryMs: 300_000,
};

export interface RealtimeDeps {
  db: Database;
  enqueue: EnqueueRecordJob;
  wsUrl: string;
  /** Offsets are stored per app: a different app sees different events. */
  clientId: string;
  clientSecret: string;
  getAccessToken(connectionId: string): Promise<string>;
  lock: RealtimeLock;
  timing?: Partial<RealtimeTiming>;
}

export type RealtimeState = "standby" | "idle" | "connecting" | "subscribed" | "stopped";

export interface RealtimeHandle {
  /** Close the connection, wait for in-flight events, and give up the lock. */
  stop(): Promise<void>;
  /** Re-read the connections now (e.g. after a connect) instead of within a minute. */
  refresh(): Promise<void>;
  status(): { state: RealtimeState; tenants: number[] };
}

/**
 * Start the consumer in the background: it competes for the lock, connects, and keeps reconnecting
 * until stop(). Resolves at once; status() says how far it got.
 */
export function startRealtime(deps: RealtimeDeps): Promise<RealtimeHandle> {
  const timing = { ...DEFAULT_REALTIME_TIMING, ...deps.timing };
  let state: RealtimeState = "standby";
  let stopped = false;
  let directory: TenantDirectory = new Map();
  /** The open connection, from the moment it opens (so stop() can close it mid-handshake). */
  let socket: TopicsSession | null = null;
  /** Set once subscribed: the session whose tenant set refresh() keeps current. */
  let current: { session: TopicsSession; tenants: SessionTenants } | null = null;
  let refreshing: Promise<void> = Promise.resolve();
  /** refresh() was asked for while no session was subscribed: run it as soon as one is. */
  let refreshWanted = false;
  /** add-topics-v1 failures in a row while sending stored offsets (see serve()). */
  let offsetFailures = 0;
  const pause = wakeableSleep();

  if (!deps.clientSecret || !deps.clientId) {
    logger.warn("realtime sync disabled: the Fortnox client id or secret is not configured");
    return Promise.resolve({ stop: () => Promise.resolve(), refresh: () => Promise.resolve(), status: () => ({ state: "stopped", tenants: [] }) });
  }

  /** Whether the last lock check succeeded; only used to log changes of role. */
  let holding = false;
  deps.lock.onLost(() => {
    holding = false;
    socket?.close("lock lost");
    pause.wake();
  });

  async function handleEvent(event: TopicEvent): Promise<void> {
    // Only subscribed topics reach here, but a server may send more: those are not ours to track.
    if (!topicResource(event.topic)) return;
    for (const job of jobsForEvent(event, directory)) await deps.enqueue(job, recordJobKey(job));
    await saveOffset(deps.db, deps.clientId, event.topic, event.offset);
  }

  /** Bring the session's tenants in line with the database; on failure, reconnect. */
  function refreshTenants(): Promise<void> {
    refreshing = refreshing.then(async () => {
      const active = current;
      if (!active) {
        // Idle or mid-handshake: look again as soon as the loop can.
        refreshWanted = true;
        return pause.wake();
      }
      try {
        directory = await loadTenantDirectory(deps.db);
        await active.tenants.reconcile(directory);
        if (directory.size === 0) active.session.close("no tenants left");
      } catch (error) {
        logger.warn("realtime: could not update the tenant set; reconnecting", { error });
        active.session.close("tenant update failed");
      }
    });
    return refreshing;
  }

  /** One connection from handshake to close. Returns how long it stayed subscribed (0: never). */
  async function serve(): Promise<number> {
    refreshWanted = false;
    directory = await loadTenantDirectory(deps.db);
    if (directory.size === 0) {
      state = "idle";
      await pause.sleep(timing.refreshMs);
      return -1;
    }
    state = "connecting";
    const session = await TopicsSession.open({ url: deps.wsUrl, onEvent: handleEvent, commandTimeoutMs: timing.commandTimeoutMs, pingMs: timing.pingMs });
    socket = session;
    const tenants = new SessionTenants(session, { clientSecret: deps.clientSecret, getAccessToken: (id) => deps.getAccessToken(id), refusedRetryMs: timing.refusedRetryMs });
    const timers: NodeJS.Timeout[] = [];
    let subscribedAt = 0;
    try {
      if (stopped) return 0;
      await tenants.reconcile(directory);
      if (tenants.accepted.size === 0) throw new Error("Fortnox accepted none of the tenants");
      // An offset past Fortnox's two-week replay may be refused, and would be refused forever: after
      // two refusals in a row, start from now. The scheduled incremental sync covers the gap.
      const offsets = offsetFailures >= 2 ? new Map<string, string>() : await loadOffsets(deps.db, deps.clientId);
      const topics = REALTIME_TOPICS.map((topic) => (offsets.has(topic) ? { topic, offset: offsets.get(topic) } : { topic }));
      const added = await session.command({ command: "add-topics-v1", topics });
      if (!added.ok) {
        offsetFailures = offsets.size > 0 ? offsetFailures + 1 : 0;
        if (offsetFailures >= 2) logger.warn("realtime: stored offsets refused twice; continuing from now without a replay", { message: added.message });
        throw new Error(`add-topics-v1 failed: ${added.message ?? "no reason given"}`);
      }
      offsetFailures = 0;
      const subscribed = await session.command({ command: "subscribe-v1" });
      if (!subscribed.ok) throw new Error(`subscribe-v1 failed: ${subscribed.message ?? "no reason given"}`);
      current = { session, tenants };
      state = "subscribed";
      subscribedAt = Date.now();
      logger.info("realtime: subscribed", { tenants: tenants.accepted.size, replayFrom: Object.fromEntries(offsets) });
      timers.push(setInterval(() => void refreshTenants(), timing.refreshMs));
      timers.push(setInterval(() => void confirmLock(session), timing.lockRetryMs));
      if (refreshWanted) void refreshTenants();
      const why = await session.closed;
      logger.info("realtime: connection ended", { reason: why });
    } finally {
      timers.forEach(clearInterval);
      current = null;
      socket = null;
      session.close();
      await session.drained();
      await refreshing;
    }
    return Date.now() - subscribedAt;
  }

  async function confirmLock(session: TopicsSession) {
    if (!(await holdLock())) session.close("lock not held");
  }

  async function holdLock(): Promise<boolean> {
    try {
      return await deps.lock.tryAcquire();
    } catch (error) {
      logger.warn("realtime: could not check the consumer lock", { error });
      return false;
    }
  }

  async function loop(): Promise<void> {
    let failures = 0;
    while (!stopped) {
      if (!(await holdLock())) {
        if (holding) logger.info("realtime: another process consumes events now");
        holding = false;
        state = "standby";
        await pause.sleep(timing.lockRetryMs);
        continue;
      }
      if (!holding) logger.info("realtime: this process consumes Fortnox events", { url: deps.wsUrl });
      holding = true;
      let lasted: number;
      try {
        lasted = await serve();
      } catch (error) {
        lasted = 0;
        logger.warn("realtime: connection failed", { error });
      }
      if (stopped || lasted < 0) continue;
      // A connection that held for a while starts the backoff over; one that keeps dropping backs off.
      failures = lasted > timing.backoffCapMs ? 0 : failures + 1;
      state = "connecting";
      await pause.sleep(reconnectDelay(failures - 1, timing.backoffBaseMs, timing.backoffCapMs));
    }
  }

  const running = loop().catch((error: unknown) => logger.error("realtime consumer crashed", { error }));

  return Promise.resolve({
    async stop() {
      stopped = true;
      state = "stopped";
      socket?.close("stopping");
      pause.wake();
      await running;
      state = "stopped";
      await deps.lock.release();
    },
    refresh: () => (stopped ? Promise.resolve() : refreshTenants()),
    status: () => ({ state, tenants: current ? [...current.tenants.accepted] : [] }),
  });
}
