import { existsSync } from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";

import type { QueryOptions, Results } from "@electric-sql/pglite";

/*
 * PGlite on its own thread. PGlite is PostgreSQL compiled to WebAssembly: every statement parses,
 * plans and runs on the thread that calls it. In the portal that thread also renders every page,
 * so a sync's batch upsert held up each view that arrived meanwhile. Here PGlite runs in a worker
 * thread of the same process (so one process still owns the data directory) and this class offers
 * the part of PGlite's interface that drizzle and pg-boss use: query, exec, transaction, listen.
 *
 * Protocol (./worker.mjs): the portal posts `{ id, op, … }`, the worker answers `{ id, result }` or
 * `{ id, error }`; `{ notify, payload }` delivers a LISTEN notification. A transaction is opened
 * with `begin`, its statements carry its id, and `end` commits or rolls it back: while it is open,
 * PGlite's own lock keeps every other statement waiting, exactly as in-process.
 */

const WORKER_FILE = path.join(process.cwd(), "lib", "db", "pglite-thread", "worker.mjs");

type Message = { op: string; txId?: number; [key: string]: unknown };
type Reply = { id: number; result?: unknown; error?: Record<string, unknown> & { message: string; name: string } } | { notify: number; payload: string } | { ready: boolean; error?: { message: string } };

/** Only drizzle's "keep it as text" parsers can cross to the worker: checked, never assumed. */
function textTypes(parsers: QueryOptions["parsers"]): number[] | undefined {
  if (!parsers) return undefined;
  const probe = "probe\u0001";
  return Object.entries(parsers).map(([id, parse]: [string, (value: string, typeId: number) => unknown]) => {
    if (parse(probe, Number(id)) !== probe) throw new Error(`the embedded database's thread only reads type ${id} as text; a custom parser cannot cross threads`);
    return Number(id);
  });
}

/** An error from the worker, with PostgreSQL's fields (code, detail, constraint…) as callers expect. */
function rebuild(data: Record<string, unknown> & { message: string; name: string }): Error {
  const error = Object.assign(new Error(data.message), data);
  error.name = data.name;
  return error;
}

export interface ThreadTransaction {
  query<T>(sql: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>>;
  exec(sql: string, options?: QueryOptions): Promise<Results[]>;
  rollback(): Promise<void>;
  readonly closed: boolean;
}

export class PGliteThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly notify = new Map<number, (payload: string) => void>();
  private nextId = 1;
  private stopped: Error | null = null;
  readonly waitReady: Promise<void>;

  private constructor(dataDir: string | null, startParams: string[]) {
    if (!existsSync(WORKER_FILE)) throw new Error(`the embedded database's worker is missing at ${WORKER_FILE}; start the portal from the repository's root`);
    this.worker = new Worker(WORKER_FILE, { workerData: { dataDir, startParams } });
    // Idle, the worker keeps nothing alive; a statement in flight does (see call()).
    this.worker.unref();
    this.waitReady = new Promise((ready, failed) => {
      this.worker.on("message", (reply: Reply) => {
        if ("ready" in reply) return reply.ready ? ready() : failed(new Error(`PGlite did not start: ${reply.error?.message}`));
        if ("notify" in reply) return this.notify.get(reply.notify)?.(reply.payload);
        const waiting = this.pending.get(reply.id);
        this.pending.delete(reply.id);
        if (this.pending.size === 0) this.worker.unref();
        if (reply.error) waiting?.reject(rebuild(reply.error));
        else waiting?.resolve(reply.result);
      });
      const stop = (error: Error) => {
        this.stopped ??= error;
        failed(error);
        for (const waiting of this.pending.values()) waiting.reject(error);
        this.pending.clear();
      };
      this.worker.on("error", (error) => stop(new Error(`the embedded database's thread failed: ${error.message}`, { cause: error })));
      this.worker.on("exit", (code) => stop(new Error(`the embedded database's thread stopped (exit code ${code})`)));
    });
  }

  /** Starts PGlite on its own thread; `dataDir` null: in memory. */
  static async create(dataDir: string | null, startParams: string[]): Promise<PGliteThread> {
    const thread = new PGliteThread(dataDir, startParams);
    await thread.waitReady;
    return thread;
  }

  private call<T>(message: Message): Promise<T> {
    if (this.stopped) return Promise.reject(this.stopped);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      if (this.pending.size === 1) this.worker.ref();
      this.worker.postMessage({ ...message, id });
    });
  }

  private statements(txId?: number) {
    return {
      query: <T>(sql: string, params?: unknown[], options?: QueryOptions) => {
        const { parsers, serializers, ...rest } = options ?? {};
        if (serializers) return Promise.reject(new Error("the embedded database's thread does not take custom serializers"));
        return this.call<Results<T>>({ op: "query", txId, sql, params, options: rest, textTypes: textTypes(parsers) });
      },
      exec: (sql: string, options?: QueryOptions) => this.call<Results[]>({ op: "exec", txId, sql, options }),
    };
  }

  query<T>(sql: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>> {
    return this.statements().query<T>(sql, params, options);
  }

  exec(sql: string, options?: QueryOptions): Promise<Results[]> {
    return this.statements().exec(sql, options);
  }

  /** `fn`'s statements run in one transaction: committed when it returns, rolled back when it throws. */
  async transaction<T>(fn: (tx: ThreadTransaction) => Promise<T>): Promise<T> {
    const txId = this.nextId++;
    await this.call({ op: "begin", txId });
    let closed = false;
    const end = async (commit: boolean) => {
      if (closed) return;
      closed = true;
      await this.call({ op: "end", txId, commit });
    };
    const tx: ThreadTransaction = {
      ...this.statements(txId),
      rollback: () => end(false),
      get closed() {
        return closed;
      },
    };
    try {
      const result = await fn(tx);
      await end(true);
      return result;
    } catch (error) {
      await end(false).catch(() => undefined);
      throw error;
    }
  }

  /** LISTEN on `channel`; resolves to the function that stops listening. */
  async listen(channel: string, callback: (payload: string) => void): Promise<() => Promise<void>> {
    const subscription = this.nextId++;
    this.notify.set(subscription, callback);
    await this.call({ op: "listen", channel, subscription });
    return async () => {
      this.notify.delete(subscription);
      await this.call({ op: "unlisten", subscription });
    };
  }

  async close(): Promise<void> {
    if (!this.stopped) await this.call({ op: "close" });
    await this.worker.terminate();
  }
}
