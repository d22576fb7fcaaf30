import "server-only";

import { z } from "zod";

import { logger } from "@/lib/log";

import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from "./backoff";
import { FortnoxBusyError, INTERACTIVE_PATIENCE_MS } from "./busy";
import { FortnoxError, fortnoxErrorFromResponse, fortnoxNetworkError } from "./errors";
import { sleep, type Priority, type RateLimiter, type RateLimitKey } from "./rate-limiter";
import type { TokenManager } from "./token-manager";
import type { Decoder, Page, PageDecoder } from "./wire";

/**
 * The Fortnox API v3 client. Every request takes its Bearer token from the token manager (never
 * cached here), one grant from the shared rate limiter, and is decoded into domain types at this
 * boundary. GETs are retried on 429, 5xx and network failures with full-jitter backoff; writes are
 * retried only on 429, which Fortnox answers before doing anything. A write whose outcome is unknown
 * (the connection dropped after sending) surfaces as an error so the caller can reconcile.
 *
 * A connection opened `interactive` (a person waits: a write-back, an on-demand fetch) goes ahead
 * of background work in the limiter, and each request has a patience (8 s by default): a 429 is
 * retried within it, and a wait that would outlast it ends in FortnoxBusyError ("try again in N s").
 */

export interface FortnoxClientOptions {
  /** Origin of `/3/*`, e.g. https://api.fortnox.se. */
  apiUrl: string;
  tokens: Pick<TokenManager, "getAccessToken" | "refreshNow">;
  limiter: RateLimiter;
  /** Our app's client id: with the tenant, the rate limit's key. */
  clientId: string;
  fetch?: typeof fetch;
  backoff?: BackoffPolicy;
  timeoutMs?: number;
}

export interface FortnoxConnectionRef {
  connectionId: string;
  /** Fortnox's tenant id (DatabaseNumber). */
  tenantId: number;
  /** Aborts waiting and in-flight requests (e.g. a cancelled sync run). */
  signal?: AbortSignal;
  /** "interactive" when a person waits for the answer. Default "background". */
  priority?: Priority;
  /** Interactive only: how long one request may wait for the budget, retries included. */
  patienceMs?: number;
}

export interface FortnoxCounters {
  /** HTTP requests sent, retries included. */
  requests: number;
  rateLimited429s: number;
  retries: number;
  /** Time spent waiting for the rate limiter. */
  limiterWaitMs: number;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface FortnoxApi {
  readonly counters: Readonly<FortnoxCounters>;
  get<T>(path: string, decode: Decoder<T>, query?: Query): Promise<T>;
  /** One page; `limit` defaults to 500. */
  list<T>(path: string, decode: PageDecoder<T>, query?: Query): Promise<Page<T>>;
  /** Every page in turn, following MetaInformation's @TotalPages. */
  pages<T>(path: string, decode: PageDecoder<T>, query?: Query): AsyncGenerator<Page<T>>;
  listAll<T>(path: string, decode: PageDecoder<T>, query?: Query): Promise<T[]>;
  post<T>(path: string, body: unknown, decode: Decoder<T>): Promise<T>;
  /** `body` undefined sends no body, as action endpoints (bookkeep, cancel, …) require. */
  put<T>(path: string, body: unknown, decode: Decoder<T>): Promise<T>;
  delete(path: string): Promise<void>;
}

/** The page size nearly every client uses; Fortnox's default is 100 (docs/fortnox.md#api-conventions). */
export const PAGE_SIZE = 500;

type Method = "GET" | "POST" | "PUT" | "DELETE";

export function createFortnoxClient(options: FortnoxClientOptions) {
  return { forConnection: (ref: FortnoxConnectionRef): FortnoxApi => connectionApi(options, ref) };
}

function buildUrl(apiUrl: string, path: string, query: Query = {}): string {
  // Tokens must only ever travel to Fortnox's /3 API under the configured origin.
  if (!/^\/3\/[^?#]*$/.test(path) || path.includes("..") || path.includes("//")) throw new Error(`Not a Fortnox API path: ${path}`);
  const url = new URL(path, apiUrl);
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null) url.searchParams.set(k, String(v));
  return url.toString();
}

async function readJson(res: Response): Promise<unknown> {
  const text = await res.text();
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new FortnoxError(res.status, undefined, "Fortnox answered with malformed JSON", false);
  }
}

async function readErrorBody(res: Response): Promise<unknown> {
  const text = await res.text().catch(() => "");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function decodeWith<T>(decode: (input: unknown) => T, body: unknown, path: string): T {
  try {
    return decode(body);
  } catch (e) {
    const detail = e instanceof z.ZodError ? z.prettifyError(e).split("\n").slice(0, 4).join("; ") : String(e);
    throw new FortnoxError(200, undefined, `Unexpected response from ${path.split("?")[0]}: ${detail}`, false, undefined, { cause: e });
  }
}

function connectionApi(options: FortnoxClientOptions, ref: FortnoxConnectionRef): FortnoxApi {
  const f = options.fetch ?? fetch;
  const policy = options.backoff ?? DEFAULT_BACKOFF;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const key: RateLimitKey = { clientId: options.clientId, tenantId: ref.tenantId };
  const counters: FortnoxCounters = { requests: 0, rateLimited429s: 0, retries: 0, limiterWaitMs: 0 };
  const priority = ref.priority ?? "background";

  /** One HTTP exchange. Throws FortnoxError for every failure, with status 0 for no response. */
  async function exchange(method: Method, url: string, token: string, body: unknown, deadline: number | undefined): Promise<unknown> {
    const grant = await options.limiter.acquire(key, { priority, signal: ref.signal, deadline });
    counters.limiterWaitMs += grant.waitedMs;
    counters.requests++;
    const timeout = AbortSignal.timeout(timeoutMs);
    let res: Response;
    try {
      res = await f(url, {
        method,
        headers: { authorization: `Bearer ${token}`, accept: "application/json", ...(body !== undefined ? { "content-type": "application/json" } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: ref.signal ? AbortSignal.any([ref.signal, timeout]) : timeout,
      });
    } catch (e) {
      ref.signal?.throwIfAborted();
      throw fortnoxNetworkError(e);
    } finally {
      // Headers (or a failure) are back, so Fortnox has seen the request: its slot may start to leave.
      grant.finish();
    }
    if (!res.ok) throw fortnoxErrorFromResponse(res.status, await readErrorBody(res), res.headers.get("retry-after"));
    try {
      return await readJson(res);
    } catch (e) {
      if (e instanceof FortnoxError) throw e;
      throw fortnoxNetworkError(e); // the connection died while the body was streaming
    }
  }

  async function send(method: Method, path: string, query: Query | undefined, body: unknown): Promise<unknown> {
    const url = buildUrl(options.apiUrl, path, query);
    const deadline = priority === "interactive" ? performance.now() + (ref.patienceMs ?? INTERACTIVE_PATIENCE_MS) : undefined;
    let refreshed = false;
    for (let attempt = 1; ; attempt++) {
      const token = await options.tokens.getAccessToken(ref.connectionId);
      try {
        return await exchange(method, url, token, body, deadline);
      } catch (e) {
        if (!(e instanceof FortnoxError)) throw e;
        if (e.status === 401 && !refreshed) {
          // One renewal, then give up: a second 401 means the grant itself is gone.
          refreshed = true;
          if ((await options.tokens.getAccessToken(ref.connectionId)) === token && !(await options.tokens.refreshNow(ref.connectionId))) throw e;
          counters.retries++;
          continue;
        }
        if (e.status === 429) {
          counters.rateLimited429s++;
          await options.limiter.reportRateLimited(key, e.retryAfterMs);
        }
        const mayRetry = e.status === 429 || (method === "GET" && e.retryable);
        // A person is told how long to wait rather than kept waiting past their patience.
        if (e.status === 429 && deadline !== undefined && (attempt >= policy.attempts || performance.now() + (e.retryAfterMs ?? 0) > deadline)) {
          throw new FortnoxBusyError(e.retryAfterMs ?? 1000, { cause: e });
        }
        if (!mayRetry || attempt >= policy.attempts) throw e;
        counters.retries++;
        logger.warn("fortnox request failed; retrying", { method, path, status: e.status, fortnoxCode: e.code, attempt });
        // After a 429 the limiter's pause is the wait; other failures back off with jitter (at
        // least as long as a 503's Retry-After).
        if (e.status !== 429) await sleep(Math.max(backoffDelay(attempt - 1, policy), e.retryAfterMs ?? 0), ref.signal);
      }
    }
  }

  const api: FortnoxApi = {
    counters,
    async get(path, decode, query) {
      return decodeWith(decode, await send("GET", path, query, undefined), path);
    },
    async list(path, decode, query = {}) {
      return decodeWith(decode, await send("GET", path, { limit: PAGE_SIZE, ...query }, undefined), path);
    },
    async *pages(path, decode, query = {}) {
      const limit = Number(query.limit ?? PAGE_SIZE);
      for (let page = Number(query.page ?? 1); ; page++) {
        const p = await api.list(path, decode, { ...query, limit, page });
        yield p;
        // Clients that ignore @TotalPages stop after page one (docs/fortnox.md#api-conventions). Without
        // MetaInformation, a short page is the last one.
        const total = p.page.totalPages;
        if (total !== null ? page >= total : p.items.length < limit) return;
      }
    },
    async listAll(path, decode, query) {
      const all = [];
      for await (const p of api.pages(path, decode, query)) all.push(...p.items);
      return all;
    },
    async post(path, body, decode) {
      return decodeWith(decode, await send("POST", path, undefined, body), path);
    },
    async put(path, body, decode) {
      return decodeWith(decode, await send("PUT", path, undefined, body), path);
    },
    async delete(path) {
      await send("DELETE", path, undefined, undefined);
    },
  };
  return api;
}
