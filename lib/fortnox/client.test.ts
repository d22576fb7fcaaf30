import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { AppError } from "@/lib/errors";

import { FortnoxBusyError } from "./busy";
import { createFortnoxClient, type FortnoxApi, type FortnoxConnectionRef } from "./client";
import { FortnoxError, toAppError } from "./errors";
import type { AcquireOptions, RateLimiter } from "./rate-limiter";
import { customersResource } from "./wire";

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

interface Seen {
  method: string;
  url: string;
  authorization: string | undefined;
  accept: string | undefined;
  body: string;
}

let server: Server;
let origin: string;
let handlers: Handler[] = [];
let seen: Seen[] = [];

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Handler => (_req, res) => {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
};
const reset: Handler = (req) => req.socket.destroy();

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      seen.push({ method: req.method ?? "", url: req.url ?? "", authorization: req.headers.authorization, accept: req.headers.accept, body });
      const h = handlers.shift() ?? json(500, { message: "no handler" });
      h(req, res, body);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  handlers = [];
  seen = [];
});

function setup(tokenSequence = ["t1"], ref: Partial<FortnoxConnectionRef> = {}) {
  const tokens = { issued: [...tokenSequence], current: tokenSequence[0]!, gets: 0, refreshes: 0 };
  const limiterLog = { acquired: 0, finished: 0, paused: [] as (number | undefined)[], options: [] as (AcquireOptions | undefined)[] };
  const limiter: RateLimiter = {
    acquire: (_key, options) => {
      limiterLog.acquired++;
      limiterLog.options.push(options);
      return Promise.resolve({ grantedAt: Date.now(), waitedMs: 0, finish: () => ++limiterLog.finished });
    },
    reportRateLimited: (_key, ms) => {
      limiterLog.paused.push(ms);
      return Promise.resolve();
    },
  };
  const client = createFortnoxClient({
    apiUrl: origin,
    clientId: "client-1",
    limiter,
    backoff: { attempts: 6, baseMs: 1, capMs: 5 },
    tokens: {
      getAccessToken: () => {
        tokens.gets++;
        return Promise.resolve(tokens.current);
      },
      refreshNow: () => {
        tokens.refreshes++;
        tokens.issued.shift();
        const next = tokens.issued[0];
        if (next) tokens.current = next;
        return Promise.resolve(next !== undefined);
      },
    },
  });
  const api: FortnoxApi = client.forConnection({ connectionId: "c1", tenantId: 7, ...ref });
  return { api, tokens, limiterLog };
}

const customer = (n: number) => ({ CustomerNumber: String(n), Name: `Kund ${n}` });
const page = (items: number[], current: number, total: number) => ({ Customers: items.map(customer), MetaInformation: { "@TotalResources": 7, "@TotalPages": total, "@CurrentPage": current } });

describe("Fortnox client", () => {
  it("sends the Bearer token and Accept header, takes a limiter grant per request, and follows @TotalPages", async () => {
    const { api, limiterLog } = setup();
    handlers = [json(200, page([1, 2, 3], 1, 3)), json(200, page([4, 5, 6], 2, 3)), json(200, page([7], 3, 3))];
    const all = await api.listAll(customersResource.path, customersResource.page, { lastmodified: "2026-01-01 00:00", filter: undefined });
    expect(all.map((c) => c.customerNumber)).toEqual(["1", "2", "3", "4", "5", "6", "7"]);
    expect(seen.map((s) => s.url)).toEqual([1, 2, 3].map((p) => `/3/customers?limit=500&lastmodified=2026-01-01+00%3A00&page=${p}`));
    expect(seen.every((s) => s.authorization === "Bearer t1" && s.accept === "application/json")).toBe(true);
    expect(limiterLog.acquired).toBe(3);
    // Every grant is finished once its answer is back, so its slot starts to leave the window.
    expect(limiterLog.finished).toBe(3);
    expect(limiterLog.options.every((o) => o?.priority === "background" && o.deadline === undefined)).toBe(true);
    expect(api.counters).toMatchObject({ requests: 3, retries: 0, rateLimited429s: 0 });
  });

  it("stops after a short page when MetaInformation is missing", async () => {
    const { api } = setup();
    handlers = [json(200, { Customers: [customer(1)] })];
    expect(await api.listAll(customersResource.path, customersResource.page)).toHaveLength(1);
    expect(seen).toHaveLength(1);
  });

  it("retries a GET after 5xx and a connection reset, with bounded attempts", async () => {
    const { api } = setup();
    handlers = [json(503, { message: "busy" }), reset, json(200, { Customer: customer(9) })];
    expect((await api.get("/3/customers/9", customersResource.one)).name).toBe("Kund 9");
    expect(api.counters).toMatchObject({ requests: 3, retries: 2 });

    handlers = Array.from({ length: 10 }, () => json(500, { ErrorInformation: { Error: 1, Message: "System exception", Code: 1000003 } }));
    seen = [];
    const e = await api.get("/3/customers/9", customersResource.one).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(FortnoxError);
    expect(e).toMatchObject({ status: 500, code: 1000003 });
    expect(seen).toHaveLength(6);
  });

  it("pauses the tenant on 429 with Retry-After, then retries", async () => {
    const { api, limiterLog } = setup();
    handlers = [json(429, { message: "Too Many Requests" }, { "retry-after": "1" }), json(200, { Customer: customer(1) })];
    await api.get("/3/customers/1", customersResource.one);
    expect(limiterLog.paused).toEqual([1000]);
    expect(api.counters).toMatchObject({ requests: 2, retries: 1, rateLimited429s: 1 });
  });

  it("interactive: asks the limiter ahead of background work with a deadline, retries a 429 within it, and says how long to wait past it", async () => {
    const { api, limiterLog } = setup(["t1"], { priority: "interactive", patienceMs: 3000 });
    const before = performance.now();
    handlers = [json(429, {}, { "retry-after": "1" }), json(200, { Customer: customer(1) })];
    await api.get("/3/customers/1", customersResource.one);
    expect(limiterLog.options.map((o) => o?.priority)).toEqual(["interactive", "interactive"]);
    // One deadline for the request, retries included, 3 s after it started.
    const deadline = limiterLog.options[0]!.deadline!;
    expect(limiterLog.options[1]!.deadline).toBe(deadline);
    expect(deadline - before).toBeGreaterThanOrEqual(3000);
    expect(deadline - performance.now()).toBeLessThanOrEqual(3000);

    // Fortnox wants 5 s, beyond the 3 s patience: no retry, a typed error naming the seconds.
    handlers = [json(429, {}, { "retry-after": "5" })];
    const e = await api.post("/3/customers", { Customer: { Name: "X" } }, customersResource.one).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(FortnoxBusyError);
    expect(e).toMatchObject({ code: "fortnox_rate_limited", status: 429, retryAfterSeconds: 5, message: "fortnox.busy?seconds=5" });
    expect(seen.filter((s) => s.method === "POST")).toHaveLength(1);
    expect(new AppError("fortnox_rate_limited", "x")).not.toBeInstanceOf(FortnoxBusyError);
  });

  it("never retries a write blindly: 5xx and resets surface once", async () => {
    const { api } = setup();
    handlers = [reset];
    const lost = await api.post("/3/customers", { Customer: { Name: "X" } }, customersResource.one).catch((x: unknown) => x);
    expect(lost).toMatchObject({ status: 0 });
    expect(toAppError(lost).code).toBe("fortnox_unavailable");
    handlers = [json(500, { message: "oops" })];
    await expect(api.put("/3/customers/1", { Customer: { Name: "Y" } }, customersResource.one)).rejects.toMatchObject({ status: 500 });
    expect(seen.map((s) => s.method)).toEqual(["POST", "PUT"]);
    expect(JSON.parse(seen[0]!.body)).toEqual({ Customer: { Name: "X" } });
  });

  it("retries a write refused with 429, and sends action PUTs without a body", async () => {
    const { api } = setup();
    handlers = [json(429, {}), json(201, { Customer: customer(5) }), json(200, { Customer: customer(5) }), (_q, res) => res.writeHead(204).end()];
    expect((await api.post("/3/customers", { Customer: { Name: "Kund 5" } }, customersResource.one)).customerNumber).toBe("5");
    await api.put("/3/customers/5/noop", undefined, customersResource.one);
    await api.delete("/3/customers/5");
    expect(seen.map((s) => `${s.method} ${s.body}`)).toEqual(['POST {"Customer":{"Name":"Kund 5"}}', 'POST {"Customer":{"Name":"Kund 5"}}', "PUT ", "DELETE "]);
  });

  it("renews the token once on 401, then gives up", async () => {
    const { api, tokens } = setup(["t1", "t2"]);
    handlers = [json(401, { message: "unauthorized" }), json(200, { Customer: customer(1) })];
    await api.get("/3/customers/1", customersResource.one);
    expect(seen.map((s) => s.authorization)).toEqual(["Bearer t1", "Bearer t2"]);
    expect(tokens.refreshes).toBe(1);

    handlers = [json(401, { message: "unauthorized" }), json(401, { message: "unauthorized" })];
    const e = await api.get("/3/customers/1", customersResource.one).catch((x: unknown) => x);
    expect(toAppError(e).code).toBe("fortnox_reconnect_required");
    expect(tokens.refreshes).toBe(2);
  });

  it("maps a Fortnox validation error with its message and code, and rejects foreign paths", async () => {
    const { api } = setup();
    handlers = [json(400, { ErrorInformation: { error: 1, message: "Kunde inte hitta konto", code: "2001304" } })];
    const e = await api.post("/3/invoices", { Invoice: {} }, customersResource.one).catch((x: unknown) => toAppError(x));
    expect(e).toBeInstanceOf(AppError);
    expect(e).toMatchObject({ code: "fortnox_rejected", message: "Fortnox rejected the request: Kunde inte hitta konto (2001304)" });
    await expect(api.get("https://evil.example/3/customers", customersResource.one)).rejects.toThrow(/Not a Fortnox API path/);
    await expect(api.get("/3/../oauth-v1/token", customersResource.one)).rejects.toThrow(/Not a Fortnox API path/);
  });

  it("reports an undecodable answer as a FortnoxError naming the path", async () => {
    const { api } = setup();
    handlers = [json(200, { Customer: { CustomerNumber: "1" } })];
    const e = await api.get("/3/customers/1", customersResource.one).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(FortnoxError);
    expect((e as Error).message).toMatch(/Unexpected response from \/3\/customers\/1/);
    expect(toAppError(e).code).toBe("internal");
  });
});
